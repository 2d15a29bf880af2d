// End-to-end: the one-stop lifecycle against the real node, filled with the
// demo offices and users (`hoso-node demo`). The clerk receives a dossier
// with the keyboard only and sees its code; finds it in Hồ sơ by the
// applicant's name without accents; hands it over. The officer assigns,
// appraises and submits it; the leader (offered no hand-over) has a
// refused reschedule explained in words, then signs; the clerk records the
// result at the desk and returns it rated "Rất hài lòng". The timeline shows
// every step with who and when.
//
//   HOSO_NODE=/abs/path/bin/hoso-node npm run e2e
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SKIP, VIEWPORT, demoNode, launchBrowser, node, screenshot, serve, stop, textOf } from './helpers.mjs';

const PASSWORD = 'matkhau-demo';
const NAMES = { vanthu: 'Nguyễn Thị Hồng', chuyenvien: 'Trần Văn Minh', lanhdao: 'Lê Thị Lan' };
const PROCEDURE = '1.004884'; // Đăng ký lại khai sinh, 5 working days
const APPLICANT = 'Nguyễn Thị Hồng';
const WHEN = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;

describe('the one-stop lifecycle on screen', { skip: SKIP }, () => {
  let tmp;
  let dataDir;
  let server;
  let browser;
  let page;
  let code;
  const pageErrors = [];

  before(async () => {
    ({ tmp, dataDir } = await demoNode('dossier'));
    server = await serve(dataDir);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(server.url);
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function login(username) {
    await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('nav-dossiers').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'status-user-name'), NAMES[username]);
  }

  async function logout() {
    await page.getByTestId('logout').click();
    await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
  }

  async function openDossier(query = code) {
    await page.getByTestId('nav-dossiers').click();
    await page.getByTestId('dossier-search').fill(query);
    await page.getByTestId(`dossier-open-${code}`).waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId(`dossier-open-${code}`).click();
    await page.getByTestId('dossier-code').waitFor({ state: 'visible', timeout: 10_000 });
  }

  async function statusIs(text) {
    await page
      .getByTestId('dossier-status')
      .filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
      .waitFor({ timeout: 10_000 });
  }

  /** Clicks an allowed action, lets `fill` fill its form, confirms, waits for the new status. */
  async function act(kind, status, fill) {
    await page.getByTestId(`act-${kind}`).click();
    await page.getByTestId(`act-form-${kind}`).waitFor({ state: 'visible', timeout: 10_000 });
    if (fill) await fill();
    await page.getByTestId('act-submit').click();
    await page.getByTestId('act-done').waitFor({ state: 'visible', timeout: 10_000 });
    await statusIs(status);
  }

  it('the clerk receives a dossier with the keyboard only and sees its code', async () => {
    await login('vanthu');
    await page.getByTestId('nav-reception').click();
    const picker = page.getByTestId('rc-procedure');
    await picker.waitFor({ state: 'visible', timeout: 10_000 });
    await picker.focus();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'rc-procedure');

    await page.keyboard.type('khai sinh');
    const option = page.getByTestId(`rc-option-${PROCEDURE}`);
    await page.locator('[data-testid="rc-procedure-list"][data-query="khai sinh"]').waitFor({ timeout: 10_000 });
    await option.waitFor({ state: 'visible', timeout: 10_000 });
    const ids = await page.getByTestId('rc-procedure-list').getByRole('option').evaluateAll((els) => els.map((el) => el.dataset.testid));
    const steps = ids.indexOf(`rc-option-${PROCEDURE}`);
    assert.ok(steps >= 0, `no ${PROCEDURE} among ${ids}`);
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await option.getAttribute('aria-selected'), 'true');
    await page.keyboard.press('Enter');
    assert.match(await picker.inputValue(), /^1\.004884 — Đăng ký lại khai sinh$/);

    // Picking moves on to the applicant; Tab walks the rest of the form.
    await page.waitForFunction(() => document.activeElement?.id === 'rc-fullname');
    await page.keyboard.type(APPLICANT);
    await page.keyboard.press('Tab');
    await page.keyboard.type('0381900');
    await page.keyboard.press('Enter');
    // The client's check: not 12 digits.
    assert.equal(await textOf(page, 'rc-citizenid-error'), 'Số định danh cá nhân gồm đúng 12 chữ số.');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'rc-citizenid');
    await page.keyboard.type('00123');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Thôn Trung, xã Đông Sơn');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0912345678');
    await page.keyboard.press('Tab'); // email, optional
    await page.keyboard.press('Tab'); // "Nộp thay / ủy quyền": not ticked
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'rc-proxy');
    await page.keyboard.press('Tab'); // channel: in person
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'rc-extra');
    await page.keyboard.type('Tờ khai đăng ký lại khai sinh; Bản sao giấy tờ tùy thân');
    await screenshot(page, 'intake.png');
    await page.keyboard.press('Enter');

    await page.getByTestId('receipt').waitFor({ state: 'visible', timeout: 10_000 });
    code = await textOf(page, 'receipt-code');
    assert.match(code, /^38001-\d{6}-\d{4}$/);
    assert.match(await textOf(page, 'receipt-book'), /^Quyển số \d{4} Số thứ tự 1$/);
    assert.match(await textOf(page, 'receipt-applicant'), /Nguyễn Thị Hồng · Số định danh 038190000123/);
    assert.match(await textOf(page, 'receipt-due'), WHEN);
    await screenshot(page, 'receipt.png');
    // Ready for the next citizen: the button has the focus, Enter resets.
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'receipt-another');
  });

  it('finds it in Hồ sơ by the name without accents and hands it over', async () => {
    await page.getByTestId('nav-dossiers').click();
    await page.getByTestId('dossier-search').fill('nguyen thi hong');
    await page.getByTestId(`dossier-row-${code}`).waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, `dossier-row-${code}`), /Đã tiếp nhận/);
    await screenshot(page, 'list.png');
    await page.getByTestId(`dossier-open-${code}`).click();
    await statusIs('Đã tiếp nhận');
    assert.equal(await textOf(page, 'dossier-national'), 'Trạng thái (mã QG): 2');
    await act('handed_over', 'Đã chuyển xử lý', () => page.getByTestId('act-handed_over-note').fill('Chuyển bộ phận chuyên môn'));
    await logout();
  });

  it('the officer assigns, appraises and submits', async () => {
    await login('chuyenvien');
    await openDossier();
    assert.equal(await page.getByTestId('act-returned').count(), 0);
    await act('assigned', 'Đang xử lý');
    await act('appraised', 'Đã thẩm định', async () => {
      assert.equal(await page.getByTestId('act-appraised-opinion').inputValue(), 'approve');
    });
    await act('submitted', 'Chờ ký duyệt');
    await logout();
  });

  it('the leader is offered no hand-over, sees a refused reschedule explained, and signs', async () => {
    await login('lanhdao');
    await openDossier();
    await page.getByTestId('act-signed').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.getByTestId('act-handed_over').count(), 0);

    // A new due date no later than the current one: Go refuses, the rule is read out.
    const due = await textOf(page, 'dossier-due');
    await page.getByTestId('act-rescheduled').click();
    await page.getByTestId('act-rescheduled-newDue').fill(due.slice(0, 10));
    await page.getByTestId('act-rescheduled-reason').fill('Cần xác minh thêm');
    await page.getByTestId('act-submit').click();
    await page.getByTestId('act-error').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'act-error'), 'Ngày hẹn mới phải sau ngày hẹn hiện tại.');
    await page.getByTestId('act-cancel').click();

    await act('signed', 'Đã ký duyệt', () => page.getByTestId('act-signed-number').fill('125/QĐ-UBND'));
    await logout();
  });

  it('the clerk records the result and returns it rated "Rất hài lòng"; the timeline shows every step', async () => {
    await login('vanthu');
    await openDossier(code);
    await act('result_at_desk', 'Có kết quả tại bộ phận một cửa');
    await act('returned', 'Đã trả kết quả', async () => {
      // The applicant is offered as the recipient; the rating is asked in the same form.
      assert.equal(await page.getByTestId('act-returned-recipient').inputValue(), APPLICANT);
      await page.getByTestId('act-returned-rating').getByLabel('Rất hài lòng', { exact: true }).check();
    });
    assert.equal(await textOf(page, 'dossier-rating'), 'Rất hài lòng');
    assert.equal(await page.getByTestId('no-actions').count() + (await page.getByTestId('act-rated').count()), 1);

    const expected = [
      ['received', 'Tiếp nhận hồ sơ', NAMES.vanthu],
      ['handed_over', 'Chuyển xử lý', NAMES.vanthu],
      ['assigned', 'Phân công xử lý', NAMES.chuyenvien],
      ['appraised', 'Thẩm định', NAMES.chuyenvien],
      ['submitted', 'Trình ký', NAMES.chuyenvien],
      ['signed', 'Ký duyệt', NAMES.lanhdao],
      ['result_at_desk', 'Kết quả về quầy', NAMES.vanthu],
      ['returned', 'Trả kết quả', NAMES.vanthu],
    ];
    const rows = page.getByTestId('timeline').locator('tbody tr');
    assert.equal(await rows.count(), expected.length);
    for (const [i, [kind, label, who]] of expected.entries()) {
      const row = rows.nth(i);
      assert.equal(await row.getAttribute('data-testid'), `timeline-${kind}`);
      const cells = (await row.locator('td').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
      // The appraisal's row also reads its conclusion.
      assert.equal(cells[0], kind === 'appraised' ? `${label} Ý kiến: Đồng ý giải quyết` : label);
      assert.equal(cells[1], who);
      assert.match(cells[2], WHEN);
      assert.match(cells[3], /38001/);
      assert.equal(cells[4], 'Đã ghi');
    }
    assert.ok((await page.getByTestId('steps').locator('tbody tr').count()) >= 4);
    await screenshot(page, 'detail.png');
    assert.deepEqual(pageErrors, []);
  });
});
