// End-to-end, issue 22 items 3 and 7 on the desk's 1366×768 screen,
// against the real node filled with the demo offices and users:
//  (a) intake that helps: the required fields are marked before submit;
//      a personal number typed with spaces is not cut; a number the
//      office knows offers to fill the name, address and phone (a fixed
//      line) once the clerk confirms; the same procedure filed today is a
//      warning and the dossier is still received;
//  (b) a number whose first three digits name no province is shown
//      beside the field as soon as it is typed, and Go refuses it too;
//  (c) the leader's new due date (Form 04) on the working-day calendar:
//      weekends and holidays shown as days off, the working days from
//      today under the input, driven by the keyboard.
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/workday-intake.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import {
  DESK_VIEWPORT,
  SKIP,
  demoNode,
  launchBrowser,
  login as loginAs,
  logout as logoutOf,
  openPage,
  pageRpc,
  screenshot,
  serve,
  stop,
  textOf,
} from './helpers.mjs';

const SIMPLE = '1.004884'; // Đăng ký lại khai sinh: no checklist in the demo catalog, 5 working days
const KNOWN = '038190000555';
const PERSON = { fullName: 'Lê Thị Mai', address: 'Thôn 5, xã Đông Sơn', phone: '02373888999' };

describe('working days and intake that helps', { skip: SKIP }, () => {
  let tmp;
  let dataDir;
  let server;
  let browser;
  let page;
  let first;
  const pageErrors = [];

  before(async () => {
    ({ tmp, dataDir } = await demoNode('workday'));
    server = await serve(dataDir);
    browser = await launchBrowser();
    page = await openPage(browser, server.url, DESK_VIEWPORT, pageErrors);
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset?.testid);

  /** The screenshot helper puts its own viewport back: the desk's again. */
  async function shot(name) {
    await screenshot(page, name);
    await page.setViewportSize(DESK_VIEWPORT);
  }

  const login = (username) => loginAs(page, username);
  const logout = () => logoutOf(page);

  /** Picks the simple procedure in the intake's type-ahead with the keyboard. */
  async function pickSimple() {
    await page.getByTestId('nav-reception').click();
    const picker = page.getByTestId('rc-procedure');
    await picker.waitFor({ state: 'visible', timeout: 10_000 });
    await picker.focus();
    await page.keyboard.type(SIMPLE);
    await page.getByTestId(`rc-option-${SIMPLE}`).waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'rc-fullname');
  }

  it('(a) marks required fields, keeps a spaced number whole, fills a known person on confirmation and warns of the same procedure today', async () => {
    await login('vanthu');
    // The person came this morning: the office knows the number.
    const got = await pageRpc(page, 'Dossiers.Receive', {
      procedure: SIMPLE,
      applicant: { fullName: PERSON.fullName, citizenId: KNOWN, address: PERSON.address, phone: '0237 3888 999' },
      documents: [{ name: 'Tờ khai đăng ký lại khai sinh', form: 'original', count: 1 }],
    });
    assert.ok(got.ok && got.body.received, `the first reception: ${JSON.stringify(got.body).slice(0, 300)}`);
    first = got.body.code;

    await pickSimple();
    // Required fields are marked before anything is submitted.
    for (const id of ['rc-procedure', 'rc-fullname', 'rc-citizenid', 'rc-sets']) {
      assert.equal(await page.getByTestId(id).getAttribute('aria-required'), 'true', `${id} aria-required`);
      assert.equal((await page.locator(`label[for="${id}"] .required-mark`).textContent())?.trim(), '*', `${id} asterisk`);
    }
    assert.equal(await page.getByTestId('rc-address').getAttribute('aria-required'), null);

    // Tab past the empty name; the number typed key by key, with spaces.
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'rc-citizenid');
    await page.keyboard.type('038 190 000 555');
    assert.equal(await page.getByTestId('rc-citizenid').inputValue(), '038 190 000 555');
    await page.getByTestId('rc-known').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'rc-known'), new RegExp(`Số định danh này đã có hồ sơ tại cơ quan \\(mã ${first}`));
    assert.equal(await textOf(page, 'rc-id-place'), 'Mã 038: Thanh Hóa');
    assert.match(await textOf(page, 'rc-same-today'), new RegExp(`hôm nay người này đã nộp hồ sơ thủ tục này \\(${first}\\)`));
    // Nothing is filled before the clerk says so.
    assert.equal(await page.getByTestId('rc-fullname').inputValue(), '');
    await shot('intake-known-citizen.png');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'rc-fill');
    await page.keyboard.press('Enter');
    await page.getByTestId('rc-filled').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.getByTestId('rc-fullname').inputValue(), PERSON.fullName);
    assert.equal(await page.getByTestId('rc-address').inputValue(), PERSON.address);
    assert.equal(await page.getByTestId('rc-phone').inputValue(), PERSON.phone);
    assert.equal(await focused(), 'rc-address');

    // The warning does not stop the reception.
    await page.getByTestId('rc-extra').fill('Tờ khai đăng ký lại khai sinh');
    await page.getByTestId('rc-extra').press('Enter');
    await page.getByTestId('receipt').waitFor({ state: 'visible', timeout: 10_000 });
    const second = await textOf(page, 'receipt-code');
    assert.notEqual(second, first);
    assert.match(await textOf(page, 'receipt-applicant'), new RegExp(`${PERSON.fullName} · Số định danh ${KNOWN}`));
  });

  it('(b) three digits that name no province show beside the number as soon as it is typed; Go refuses them too', async () => {
    await page.getByTestId('receipt-another').click();
    await pickSimple();
    await page.keyboard.type('Trần Văn Nam');
    await page.keyboard.press('Tab');
    await page.keyboard.type('003190000123');
    await page.getByTestId('rc-citizenid-error').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(
      await textOf(page, 'rc-citizenid-error'),
      'Ba chữ số đầu 003 không phải mã tỉnh, thành phố hay quốc gia nơi đăng ký khai sinh; hãy kiểm tra lại số định danh.',
    );
    await page.getByTestId('rc-extra').fill('Tờ khai');
    await page.getByTestId('rc-submit').click();
    await page.getByTestId('rc-citizenid-error').filter({ hasText: /^Ba chữ số đầu 003 / }).waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId('receipt').count(), 0);
    await logout();
  });

  it('(c) the new due date of Form 04 on the working-day calendar, by the keyboard', async () => {
    await login('lanhdao');
    await page.getByTestId('nav-dossiers').click();
    await page.getByTestId('dossier-search').fill(first);
    await page.getByTestId(`dossier-open-${first}`).waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId(`dossier-open-${first}`).click();
    await page.getByTestId('act-rescheduled').click();
    await page.getByTestId('act-form-rescheduled').waitFor({ state: 'visible', timeout: 10_000 });
    const input = page.getByTestId('act-rescheduled-newDue');
    await input.focus();
    await page.keyboard.press('Alt+ArrowDown');
    const cal = page.getByTestId('act-rescheduled-newDue-calendar');
    await cal.waitFor({ state: 'visible', timeout: 10_000 });
    // Every Saturday and Sunday of the month is a day off (a make-up day aside).
    await cal.locator('[data-kind="weekend"], [data-kind="swapped"]').first().waitFor({ timeout: 10_000 });
    const kinds = await cal.locator('button[data-date]').evaluateAll((els) =>
      els.map((el) => ({ date: el.dataset.date, kind: el.dataset.kind })),
    );
    for (const { date, kind } of kinds) {
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (wd === 0 || wd === 6) assert.ok(kind === 'weekend' || kind === 'holiday' || kind === 'swapped', `${date} is ${kind}`);
      else assert.ok(kind === 'workday' || kind === 'holiday', `${date} is ${kind}`);
    }
    // To January: 1 January is a public holiday.
    const month = await textOf(page, 'act-rescheduled-newDue-calendar-month');
    const [, m] = /^Tháng (\d+)\/(\d+)$/.exec(month) ?? [];
    for (let i = Number(m); i !== 1; i = (i % 12) + 1) await page.keyboard.press('PageDown');
    if (Number(m) === 1) for (let i = 0; i < 12; i++) await page.keyboard.press('PageDown');
    const newYear = cal.locator('button[data-date$="-01-01"]');
    assert.equal(await newYear.getAttribute('data-kind'), 'holiday');
    assert.match((await newYear.getAttribute('title')) ?? '', /^Ngày nghỉ lễ: /);
    // Down a week to a day on or after 8 January, then to the next Monday.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    const active = await page.evaluate(() => document.activeElement?.getAttribute('data-date'));
    assert.equal(new Date(`${active}T00:00:00Z`).getUTCDay(), 1, `${active} is a Monday`);
    assert.match(await textOf(page, 'act-rescheduled-newDue-calendar-count'), /: \d+ ngày làm việc kể từ hôm nay$/);
    await shot('reschedule-calendar.png');
    await page.keyboard.press('Enter');
    assert.equal(await cal.count(), 0);
    assert.equal(await focused(), 'act-rescheduled-newDue');
    const [y, mo, d] = active.split('-');
    assert.equal(await input.inputValue(), `${d}/${mo}/${y}`);
    await page.getByTestId('act-rescheduled-newDue-workdays').filter({ hasText: /^\d+ ngày làm việc kể từ hôm nay$/ }).waitFor({ timeout: 10_000 });

    // Typing still works; a Sunday says it is no working day.
    const sunday = new Date(`${active}T00:00:00Z`);
    sunday.setUTCDate(sunday.getUTCDate() - 1);
    const typed = `${String(sunday.getUTCDate()).padStart(2, '0')}/${String(sunday.getUTCMonth() + 1).padStart(2, '0')}/${sunday.getUTCFullYear()}`;
    await input.fill('');
    await page.keyboard.type(typed);
    await page
      .getByTestId('act-rescheduled-newDue-workdays')
      .filter({ hasText: `Ngày ${typed} không phải ngày làm việc (Ngày nghỉ cuối tuần)` })
      .waitFor({ timeout: 10_000 });
    await shot('reschedule-sunday.png');
    assert.deepEqual(pageErrors, []);
  });
});
