// End-to-end: the law as data and the rules a legal review corrected
// (issue 14), against the real node filled with the demo offices, users
// and the shipped 2025 catalog (`hoso-node demo`).
//  (a) The administrator publishes a holiday rule for the office (a new
//      fixed-date holiday from 2026, with its legal basis and effective
//      date) in Lịch nghỉ, and sees it in the rule history with the
//      office that signed it, who recorded it, the basis and the date.
//  (b) The clerk receives a death registration that needs verification:
//      the extended limit (3 working days) chosen with its reason; the
//      receipt on screen and the printed receipt (F9) state it.
//  (c) The clerk receives a copy certification of 5 pages: the fee is
//      computed by the procedure's rule (2.000 đ a page, from page 3
//      1.000 đ: 7.000 đ) and shown; the payment is recorded in cash with
//      a receipt number of the desk's series; the day's fee book lists it
//      and sums it, prints (PDF) and exports (XLSX). The fee shows as the
//      pages and copies are typed, before Enter (Fees.Quote).
//  (d) The administrator sets the report rules in Quản trị → Quy tắc báo
//      cáo (results judged against the apology's new date, withdrawn and
//      stopped dossiers counted on time), reads them back after a reload,
//      and the II.06a tab states them.
// The PDFs are read back with pdftotext (poppler-utils).
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/law2026.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  SKIP,
  VIEWPORT,
  demoNode,
  launchBrowser,
  node,
  parseStatus,
  screenshot,
  serve,
  stop,
  textOf,
} from './helpers.mjs';

const run = promisify(execFile);
const PASSWORD = 'matkhau-demo';
const DEATH = '1.000656'; // Đăng ký khai tử: same day, 3 working days when verification is needed
const COPY = '2.000815'; // Chứng thực bản sao từ bản chính: 2.000 đ/trang, from page 3 1.000 đ/trang
const BASIS = 'Nghị quyết về Ngày Văn hóa Việt Nam (cần xác minh)';

/** Today in Vietnam's time, YYYY-MM-DD. */
function vnToday() {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

describe('the law as data at the desk (issue 14)', { skip: SKIP }, () => {
  let tmp;
  let dataDir;
  let server;
  let browser;
  let context;
  let page;
  const pageErrors = [];

  /** `hoso-node rpc` against the serving node, as the operator. */
  async function operator(method, params = {}) {
    return parseStatus(await node('rpc', '--data', dataDir, method, JSON.stringify(params)));
  }

  async function login(username) {
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(await server.newLink());
    await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('nav-dossiers').waitFor({ state: 'visible', timeout: 10_000 });
  }

  async function logout() {
    await page?.close();
    page = null;
  }

  before(async () => {
    ({ tmp, dataDir } = await demoNode('law2026'));
    server = await serve(dataDir);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** The PDF of the next reply of `method`, as the text pdftotext reads, white space collapsed. */
  async function printedText(method, trigger) {
    const response = page.waitForResponse((r) => r.url().includes(`/rpc/${method}`), { timeout: 20_000 });
    await trigger();
    const reply = await (await response).json();
    assert.ok(reply.content, `${method} answered no PDF: ${JSON.stringify(reply).slice(0, 300)}`);
    const file = join(tmp, `print-${Date.now()}.pdf`);
    await writeFile(file, Buffer.from(reply.content, 'base64'));
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { timeout: 20_000 });
    return { reply, text: stdout.replace(/\s+/g, ' ') };
  }

  async function previewShown() {
    await page.getByTestId('print-preview').waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByTestId('print-page').first().waitFor({ state: 'attached', timeout: 15_000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid="print-preview"] [aria-busy="true"]'), null, { timeout: 20_000 });
    assert.equal(await page.getByTestId('print-render-error').count(), 0);
  }

  async function closePreview() {
    await page.getByTestId('print-close').click();
    await page.getByTestId('print-preview').waitFor({ state: 'detached', timeout: 5_000 });
  }

  /** Types the procedure and picks it with Enter; the focus moves on to the applicant's name. */
  async function pickProcedure(query, code) {
    await page.getByTestId('nav-reception').click();
    const picker = page.getByTestId('rc-procedure');
    await picker.waitFor({ state: 'visible', timeout: 10_000 });
    await picker.focus();
    await page.keyboard.type(query);
    await page.locator(`[data-testid="rc-procedure-list"][data-query="${query}"]`).waitFor({ timeout: 10_000 });
    await page.getByTestId(`rc-option-${code}`).waitFor({ state: 'visible', timeout: 10_000 });
    const ids = await page.getByTestId('rc-procedure-list').getByRole('option').evaluateAll((els) => els.map((el) => el.dataset.testid));
    const steps = ids.indexOf(`rc-option-${code}`);
    assert.ok(steps >= 0, `no ${code} among ${ids}`);
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'rc-fullname');
  }

  /** Fills a person and ticks every paper of the checklist. */
  async function personWithPapers(name, id) {
    await page.getByTestId('rc-doc-got-0').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(id);
    const papers = await page.locator('[data-testid^="rc-doc-got-"]').count();
    for (let i = 0; i < papers; i++) await page.getByTestId(`rc-doc-got-${i}`).check();
  }

  it('(a) the administrator publishes a holiday rule with its basis and effective date, and sees it in the rule history', async () => {
    await login('demo');
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-tab-calendar').click();
    await page.getByTestId('cr-version-builtin-0').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'cr-version-builtin-0'), /Bộ luật Lao động 2019/);
    await page.getByTestId('cr-new').click();
    await page.getByTestId('cr-form').waitFor({ state: 'visible', timeout: 5_000 });
    const rows = await page.locator('[data-testid^="cr-row-"]').count();
    await page.getByTestId('cr-add').click();
    await page.getByTestId(`cr-day-${rows}`).fill('24');
    await page.getByTestId(`cr-month-${rows}`).fill('11');
    await page.getByTestId(`cr-name-${rows}`).fill('Ngày Văn hóa Việt Nam');
    await page.getByTestId(`cr-name-en-${rows}`).fill('Vietnam Culture Day');
    await page.getByTestId(`cr-from-${rows}`).fill('2026');
    await page.getByTestId('cr-basis').fill(BASIS);
    await page.getByTestId('cr-effective').fill('01/01/2026');
    await screenshot(page, 'law2026-calendar-rules-editor.png');
    await page.getByTestId('cr-publish').click();
    await page.getByTestId('cr-saved').waitFor({ state: 'visible', timeout: 10_000 });
    const published = page.getByTestId('cr-version-38001-1');
    await published.waitFor({ state: 'visible', timeout: 10_000 });
    const line = await textOf(page, 'cr-version-38001-1');
    assert.match(line, /01\/01\/2026/);
    assert.match(line, /Đang áp dụng/);
    assert.ok(line.includes('24/11 Ngày Văn hóa Việt Nam (từ năm 2026)'), line);
    assert.ok(line.includes(BASIS), line);
    // The calendar of 2026 now has the day off.
    await page.getByTestId('cal-year').fill('2026');
    await page.getByTestId('cal-year').press('Enter');
    await page.getByTestId('cal-day-2026-11-24').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'cal-day-2026-11-24'), /Ngày Văn hóa Việt Nam/);

    await page.getByTestId('admin-tab-rules').click();
    await page.getByTestId('rh-table').waitFor({ state: 'visible', timeout: 10_000 });
    const row = page.locator('[data-testid="rh-row"][data-kind="calendar"]').first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    const text = ((await row.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.ok(text.includes(BASIS), text);
    assert.ok(text.includes('01/01/2026'), text);
    assert.ok(text.includes('Quản trị viên thử'), text);
    assert.ok(text.includes('(38001)'), text);
    assert.match(text, /Có\s*$/);
    // Only the calendar rules when asked for them.
    await page.getByTestId('rh-kind').selectOption('calendar');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="rh-row"]')].every((r) => r.getAttribute('data-kind') === 'calendar'),
    );
    await screenshot(page, 'law2026-rule-history.png');
    await logout();
  });

  it('(b) the clerk picks the extended limit with its reason; the receipt on screen and printed states it', async () => {
    const got = await operator('Catalog.Get', { code: DEATH });
    assert.equal(got.procedure.extendedTimeLimitWD, 3, JSON.stringify(got.procedure).slice(0, 300));
    await login('vanthu');
    await pickProcedure('khai tử', DEATH);
    await personWithPapers('Lê Thị Tư', '038190000444');
    assert.equal(await textOf(page, 'rc-limit'), 'Trong ngày');
    await page.getByTestId('rc-extended').check();
    await page.getByTestId('rc-extended-reason').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await page.getByTestId('rc-extended-reason').inputValue(), 'cần xác minh');
    assert.equal(await textOf(page, 'rc-limit'), '3 ngày làm việc Thời hạn kéo dài');
    await screenshot(page, 'law2026-extended-intake.png');
    await page.getByTestId('rc-submit').click();

    await page.getByTestId('receipt').waitFor({ state: 'visible', timeout: 10_000 });
    const code = await textOf(page, 'receipt-code');
    assert.equal(await textOf(page, 'receipt-limit'), '3 ngày làm việc (thời hạn kéo dài: cần xác minh)');
    const dossier = await operator('Dossiers.Get', { code });
    assert.deepEqual(dossier.dossier.extension, { limitWD: 3, reason: 'cần xác minh' });
    await screenshot(page, 'law2026-extended-receipt.png');

    const { text } = await printedText('Print.Form', () => page.keyboard.press('F9'));
    await previewShown();
    assert.ok(text.includes('3 ngày làm việc (thời hạn kéo dài: cần xác minh)'), `no extended limit in:\n${text}`);
    assert.ok(text.includes(code), `no code in:\n${text}`);
    await closePreview();
    await logout();
  });

  it('(c) a copy certification of 5 pages costs 7.000 đ by the rule; paid in cash with a receipt number; the day\'s fee book sums it', async () => {
    const today = vnToday();
    const before = await operator('Fees.Book', { office: '38001', desk: -1, from: today, to: today });
    const beforeTotal = before.total?.totalVND ?? 0;

    await login('vanthu');
    await pickProcedure('chứng thực bản sao', COPY);
    await personWithPapers('Phan Văn Sao', '038190000555');
    await page.getByTestId('rc-fee-pages').fill('5');
    // The fee shows before Enter, computed by Go (Fees.Quote) as reception will.
    await page.locator('[data-testid="rc-fee-amount"][data-amount="7000"]').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'rc-fee-text'), '5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ');
    await page.getByTestId('rc-fee-copies').fill('2');
    await page.locator('[data-testid="rc-fee-amount"][data-amount="14000"]').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('rc-fee-copies').fill('1');
    await page.locator('[data-testid="rc-fee-amount"][data-amount="7000"]').waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'law2026-fee-quote.png');
    await page.getByTestId('rc-submit').click();

    await page.getByTestId('receipt').waitFor({ state: 'visible', timeout: 10_000 });
    const code = await textOf(page, 'receipt-code');
    assert.equal(await page.getByTestId('receipt-fee').getAttribute('data-amount'), '7000');
    assert.equal(
      await textOf(page, 'receipt-fee'),
      '7.000 đồng 5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ',
    );
    // Paid at once, in cash: a number of the desk's own series.
    await page.getByTestId('fee-pay-form').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.getByTestId('fee-amount').inputValue(), '7000');
    await page.getByTestId('fee-method-cash').check();
    await page.getByTestId('fee-pay').click();
    await page.getByTestId('fee-issued').waitFor({ state: 'visible', timeout: 10_000 });
    const issued = await textOf(page, 'fee-issued');
    const receipt = /biên lai số (\S+)\./.exec(issued)?.[1] ?? '';
    assert.match(receipt, /^38001-\d{2}-\d-\d{6}$/, issued);
    assert.equal(await page.getByTestId('fee-paid').getAttribute('data-amount'), '7000');
    await screenshot(page, 'law2026-fee-paid.png');

    // The day's fee book, in Hồ sơ.
    await page.getByTestId('nav-dossiers').click();
    await page.getByTestId('dossiers-tab-fees').click();
    await page.getByTestId('fee-book').waitFor({ state: 'visible', timeout: 10_000 });
    const entry = page.getByTestId(`fee-entry-${receipt}`);
    await entry.waitFor({ state: 'visible', timeout: 10_000 });
    const entryText = ((await entry.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.ok(entryText.includes(code), entryText);
    assert.ok(entryText.includes('Phan Văn Sao'), entryText);
    assert.ok(entryText.includes('Tiền mặt'), entryText);
    assert.ok(entryText.includes('7.000'), entryText);
    const total = Number(await page.getByTestId('fee-book-total').getAttribute('data-amount'));
    assert.equal(total, beforeTotal + 7000);
    const amounts = await page.locator('[data-testid^="fee-entry-"] td[data-amount]').evaluateAll((tds) => tds.map((td) => Number(td.dataset.amount)));
    assert.equal(amounts.reduce((a, b) => a + b, 0), total);
    await screenshot(page, 'law2026-fee-book.png');

    const { text } = await printedText('Print.FeeBook', () => page.getByTestId('fee-book-print').click());
    await previewShown();
    assert.ok(text.includes(receipt), `no receipt ${receipt} in:\n${text}`);
    assert.ok(text.includes('7.000'), `no amount in:\n${text}`);
    await screenshot(page, 'law2026-fee-book-preview.png');
    await closePreview();

    const download = page.waitForEvent('download', { timeout: 20_000 });
    await page.getByTestId('fee-book-xlsx').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^so-thu-phi-38001-.*\.xlsx$/);
    await page.getByTestId('fee-book-saved').waitFor({ state: 'visible', timeout: 10_000 });
    await logout();
    assert.deepEqual(pageErrors, []);
  });

  it('(d) the administrator chooses the report rules: results against the apology\'s new date, withdrawn and stopped counted on time; II.06a follows', async () => {
    const before = await operator('Reports.Rules', { office: '38001' });
    assert.equal(before.rules.timingBasis, 'original');
    assert.equal(before.rules.endedPlacement, 'note');

    await login('demo');
    await page.getByTestId('nav-reports').click();
    const rules = page.getByTestId('ii06a-rules');
    await rules.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await rules.getAttribute('data-timing-basis'), 'original');
    // From the II.06a tab to the rules, in Quản trị.
    await page.getByTestId('ii06a-change-rules').click();
    await page.getByTestId('report-rules').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('rr-timingBasis-original').waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok(await page.getByTestId('rr-timingBasis-original').isChecked());
    assert.ok(await page.getByTestId('rr-endedPlacement-note').isChecked());
    await page.getByTestId('rr-timingBasis-current').check();
    await page.getByTestId('rr-endedPlacement-on_time').check();
    await screenshot(page, 'law2026-report-rules.png');
    await page.getByTestId('rr-save').click();
    await page.getByTestId('rr-saved').waitFor({ state: 'visible', timeout: 10_000 });

    const after = await operator('Reports.Rules', { office: '38001' });
    assert.equal(after.rules.timingBasis, 'current');
    assert.equal(after.rules.endedPlacement, 'on_time');

    // After a reload the form reads them back from Go.
    await page.reload();
    await page.getByTestId('report-rules').waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByTestId('rr-timingBasis-current').waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok(await page.getByTestId('rr-timingBasis-current').isChecked());
    assert.ok(await page.getByTestId('rr-endedPlacement-on_time').isChecked());
    assert.ok(!(await page.getByTestId('rr-timingBasis-original').isChecked()));

    // II.06a states the rules it now follows, and places the ended dossiers by them.
    await page.getByTestId('nav-reports').click();
    await page.locator('[data-testid="ii06a-rules"][data-timing-basis="current"][data-ended-placement="on_time"]').waitFor({ timeout: 15_000 });
    assert.equal(
      await textOf(page, 'ii06a-rules'),
      'Quy tắc: xét kết quả theo ngày hẹn trả mới sau thư xin lỗi; hồ sơ rút, dừng: tính là giải quyết đúng hạn. Thay đổi quy tắc',
    );
    const ended = page.getByTestId('ii06a-ended');
    if (await ended.count()) {
      assert.equal(await ended.getAttribute('data-placement'), 'on_time');
      assert.match(await textOf(page, 'ii06a-ended'), /được tính là đã giải quyết đúng hạn/);
    }
    await screenshot(page, 'law2026-ii06a-rules.png');
    await logout();
    assert.deepEqual(pageErrors, []);
  });
});
