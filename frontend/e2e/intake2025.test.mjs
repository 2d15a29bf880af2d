// End-to-end: the papers of 2025 at the desk, against the real node filled
// with the demo offices and users (`hoso-node demo`).
//  (a) The clerk receives, with the keyboard only, a dossier for an
//      ORGANISATION filed by its REPRESENTATIVE, presses F9 and gets the
//      2025 receipt (Circular 03/2025) naming both, in the preview; the
//      code shows as a QR on screen.
//  (b) An incomplete dossier prints its Form 02 from the intake screen:
//      every missing paper listed, the reason, and no dossier code.
//  (b') The office's incomplete intakes ("Hồ sơ chưa đủ điều kiện tiếp
//      nhận", a tab of Hồ sơ) list that intake with their number, and its
//      Form 02 reprints from there, marked as a reprint.
//  (c) A dossier received before 1 July 2025 (entered by the operator
//      with its old reception time) reprints with the 2018 set.
// The PDFs are read back with pdftotext (poppler-utils).
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/intake2025.test.mjs
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
const SIMPLE = '1.004884'; // Đăng ký lại khai sinh: no checklist in the demo catalog
const CHECKLIST = '1.001193'; // Đăng ký khai sinh: given two required papers below
const ORG = { name: 'Công ty TNHH Thương mại An Phát', id: '2801234567' };
const REP = { name: 'Trần Văn Bình', id: '001090000456', relation: 'Người được ủy quyền' };

describe('the 2025 papers at the desk', { skip: SKIP }, () => {
  let tmp;
  let dataDir;
  let server;
  let browser;
  let page;
  const pageErrors = [];

  /** `hoso-node rpc` against the serving node, as the operator. */
  async function operator(method, params = {}) {
    return parseStatus(await node('rpc', '--data', dataDir, method, JSON.stringify(params)));
  }

  before(async () => {
    ({ tmp, dataDir } = await demoNode('intake2025'));
    server = await serve(dataDir);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(server.url);
    await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('login-username').fill('vanthu');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('nav-reception').waitFor({ state: 'visible', timeout: 10_000 });
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset?.testid);

  /** The PDF of the next Print.Form reply, as the text pdftotext reads, white space collapsed. */
  async function printedText(trigger) {
    const response = page.waitForResponse((r) => r.url().includes('/rpc/Print.Form'), { timeout: 20_000 });
    await trigger();
    const reply = await (await response).json();
    assert.ok(reply.content, `Print.Form answered no PDF: ${JSON.stringify(reply).slice(0, 300)}`);
    const file = join(tmp, `print-${Date.now()}.pdf`);
    await writeFile(file, Buffer.from(reply.content, 'base64'));
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { timeout: 20_000 });
    return { reply, text: stdout.replace(/\s+/g, ' ') };
  }

  async function previewShown() {
    await page.getByTestId('print-preview').waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByTestId('print-page').first().waitFor({ state: 'attached', timeout: 15_000 });
    // Drawn: the pages are no longer busy.
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

  it('(a) an organisation filed by its representative: received by keyboard, F9 prints the 2025 receipt naming both; the code as a QR', async () => {
    await pickProcedure('lại khai sinh', SIMPLE);
    // The kind sits just before the name: Shift+Tab, then an arrow key.
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'rc-kind-person');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByTestId('rc-kind-organisation').isChecked(), true);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'rc-fullname');
    await page.keyboard.type(ORG.name);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'rc-orgid');
    await page.keyboard.type(ORG.id);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Số 5 đường Lê Lợi, xã Đông Sơn');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0912345670');
    await page.keyboard.press('Tab'); // email, optional
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'rc-rep-fullname');
    await page.keyboard.type(REP.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(REP.id);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'rc-rep-relation');
    assert.equal(await page.locator('#rc-rep-relation').inputValue(), REP.relation);
    await page.keyboard.press('Tab'); // channel: in person
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'rc-extra');
    await page.keyboard.type('Tờ khai đăng ký lại khai sinh; Giấy ủy quyền');
    await screenshot(page, 'intake2025-organisation.png');
    await page.keyboard.press('Enter');

    await page.getByTestId('receipt').waitFor({ state: 'visible', timeout: 10_000 });
    const code = await textOf(page, 'receipt-code');
    assert.match(code, /^38001-\d{6}-\d{4}$/);
    assert.equal(await textOf(page, 'receipt-applicant'), `${ORG.name} · Mã số DN/thuế ${ORG.id}`);
    assert.equal(await textOf(page, 'receipt-representative'), `${REP.name} (${REP.relation}) · Số định danh ${REP.id}`);
    // The code as a QR, drawn and visible beside it.
    const qr = page.getByTestId('receipt-qr');
    await qr.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await qr.getAttribute('data-code'), code);
    assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR image did not load');
    assert.match(await textOf(page, 'desk-print'), /^In giấy tiếp nhận \(\d+ bản\)$/);
    await screenshot(page, 'intake2025-receipt.png');

    // F9, without leaving the screen: the receipt in the preview.
    const { reply, text } = await printedText(() => page.keyboard.press('F9'));
    await previewShown();
    assert.equal(await textOf(page, 'print-title'), 'Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    assert.match(await textOf(page, 'print-template'), /TT03\/2025/);
    assert.match(text, /Mẫu 01/);
    assert.match(text, /TT03\/2025/);
    assert.ok(text.includes(ORG.name), `no organisation name in:\n${text}`);
    assert.ok(text.includes(ORG.id), `no organisation identifier in:\n${text}`);
    assert.ok(text.includes(REP.name), `no representative in:\n${text}`);
    assert.ok(text.includes(code), `no code in:\n${text}`);
    assert.equal(reply.set ?? 'TT03/2025', 'TT03/2025');
    await screenshot(page, 'intake2025-receipt-preview.png');
    await closePreview();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'desk-print');

    // In Hồ sơ: found by the representative's name, shown as the forms name them.
    await page.getByTestId('nav-dossiers').click();
    await page.getByTestId('dossier-search').fill('tran van binh');
    await page.getByTestId(`dossier-row-${code}`).waitFor({ state: 'visible', timeout: 10_000 });
    const row = await textOf(page, `dossier-applicant-${code}`);
    assert.match(row, new RegExp(ORG.name));
    assert.match(row, new RegExp(`Mã số DN/thuế ${ORG.id}`));
    assert.match(row, new RegExp(`Người nộp thay: ${REP.name}`));
    await page.getByTestId('dossier-search').fill(ORG.id);
    await page.getByTestId(`dossier-row-${code}`).waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId(`dossier-open-${code}`).click();
    await page.getByTestId('dossier-code').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'dossier-representative'), `${REP.name} (${REP.relation}) · Số định danh ${REP.id}`);
    assert.equal(await textOf(page, 'print-form-control'), '06 Phiếu kiểm soát');
  });

  it('(b) an incomplete dossier prints its Form 02 from the intake screen: everything missing, the reason, no code', async () => {
    const got = await operator('Catalog.Get', { code: CHECKLIST });
    const documents = [
      { name: 'Tờ khai đăng ký khai sinh', form: 'original', count: 1, required: true },
      { name: 'Giấy chứng sinh', form: 'original', count: 1, required: true },
    ];
    await operator('Catalog.Save', { procedure: { ...got.procedure, documents } });

    await pickProcedure('đăng ký khai sinh', CHECKLIST);
    await page.getByTestId('rc-doc-got-1').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type('Lê Văn An');
    await page.keyboard.press('Tab');
    await page.keyboard.type('038190000999');
    await page.locator('#rc-note').fill('Thiếu tờ khai và giấy chứng sinh');
    await page.getByTestId('rc-submit').click();

    await page.getByTestId('missing').waitFor({ state: 'visible', timeout: 10_000 });
    const listed = await page.getByTestId('missing-item').allTextContents();
    assert.deepEqual(listed, documents.map((d) => d.name));
    assert.equal(await page.getByTestId('receipt').count(), 0);
    await page.getByTestId('desk-print').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.getByTestId('desk-print').isEnabled(), true);

    const { text } = await printedText(() => page.keyboard.press('F9'));
    await previewShown();
    assert.equal(await textOf(page, 'print-title'), 'Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ');
    assert.match(text, /Mẫu 02/);
    assert.match(text, /TT03\/2025/);
    assert.ok(!text.includes('Mã hồ sơ'), `Form 02 of an intake shows a code line:\n${text}`);
    assert.doesNotMatch(text, /38001-\d{6}-\d{4}/);
    for (const d of documents) assert.ok(text.includes(d.name), `"${d.name}" not listed in:\n${text}`);
    assert.ok(text.includes('Lê Văn An'), `no applicant in:\n${text}`);
    assert.ok(text.includes('Thiếu tờ khai và giấy chứng sinh'), `no reason in:\n${text}`);
    await screenshot(page, 'intake2025-form02.png');
    await closePreview();
  });

  it("(b') the incomplete intake is listed among the office's, counted, and its Form 02 reprints from there", async () => {
    await page.getByTestId('nav-dossiers').click();
    if (await page.getByTestId('dossier-back').count()) await page.getByTestId('dossier-back').click();
    await page.getByTestId('dossiers-tab-incomplete').click();
    await page.getByTestId('dossiers-panel-incomplete').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('intakes-table').waitFor({ state: 'visible', timeout: 10_000 });
    const total = Number(await page.getByTestId('intakes-total').getAttribute('data-total'));
    assert.ok(total >= 1, `total ${total}`);
    assert.match(await textOf(page, 'intakes-total'), new RegExp(`^Tổng số: ${total} lượt`));

    const row = page.locator('[data-testid^="intake-row-"]', { hasText: 'Lê Văn An' });
    assert.equal(await row.count(), 1);
    const id = (await row.getAttribute('data-testid')).replace('intake-row-', '');
    assert.equal(await textOf(page, `intake-applicant-${id}`), 'Lê Văn An · Số định danh 038190000999');
    assert.match(await textOf(page, `intake-procedure-${id}`), /Đăng ký khai sinh/);
    assert.deepEqual(
      await page.getByTestId(`intake-missing-${id}`).locator('li').allTextContents(),
      ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
    );
    assert.equal(await textOf(page, `intake-note-${id}`), 'Thiếu tờ khai và giấy chứng sinh');
    await screenshot(page, 'intake2025-incomplete-list.png');

    const { reply, text } = await printedText(() => page.getByTestId(`intake-reprint-${id}`).click());
    await previewShown();
    assert.equal(await textOf(page, 'print-title'), 'Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ');
    assert.ok(reply.reprint >= 1, `reprint ${reply.reprint}`);
    assert.match(text, /BẢN IN LẠI/);
    assert.ok(text.includes('Lê Văn An'), `no applicant in:\n${text}`);
    assert.ok(text.includes('Giấy chứng sinh'), `no missing paper in:\n${text}`);
    assert.doesNotMatch(text, /38001-\d{6}-\d{4}/);
    await screenshot(page, 'intake2025-incomplete-reprint.png');
    await closePreview();
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), `intake-reprint-${id}`);
  });

  it('(c) a dossier received before 1 July 2025 reprints with the 2018 set', async () => {
    const received = await operator('Dossiers.Receive', {
      procedure: SIMPLE,
      applicant: { kind: 'person', fullName: 'Phạm Văn Cũ', citizenId: '038190000777', address: 'Thôn Bắc', phone: '', email: '' },
      channel: 'in_person',
      documents: [{ name: 'Tờ khai đăng ký lại khai sinh', form: 'original', count: 1 }],
      sets: 1,
      receivedAt: '2025-06-20T09:00:00+07:00',
    });
    assert.equal(received.received, true, JSON.stringify(received).slice(0, 300));
    const code = received.code;

    await page.getByTestId('nav-dossiers').click();
    if (await page.getByTestId('dossier-back').count()) await page.getByTestId('dossier-back').click();
    await page.getByTestId('dossiers-tab-all').click();
    await page.getByTestId('dossier-search').fill(code);
    await page.getByTestId(`dossier-open-${code}`).click();
    await page.getByTestId('dossier-code').waitFor({ state: 'visible', timeout: 10_000 });
    // Numbered as the 2018 set numbers them.
    assert.equal(await textOf(page, 'print-form-control'), '05 Phiếu kiểm soát');

    const { text } = await printedText(() => page.getByTestId('print-form-receipt').click());
    await previewShown();
    assert.match(await textOf(page, 'print-template'), /TT01\/2018/);
    assert.match(text, /TT01\/2018/);
    assert.doesNotMatch(text, /TT03\/2025/);
    assert.ok(text.includes(code), `no code in:\n${text}`);
    assert.ok(text.includes('Phạm Văn Cũ'), `no applicant in:\n${text}`);
    await closePreview();
    assert.deepEqual(pageErrors, []);
  });
});
