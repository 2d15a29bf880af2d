// End-to-end: printing and checking a printout against the real node,
// filled with the demo offices and users (`hoso-node demo`). The clerk
// receives a dossier (through the RPC the window uses), opens it, prints
// Form 01: the preview draws the PDF's pages on canvases with PDF.js, and
// they are not blank. Then the QR text of a fresh print, pasted into
// "Kiểm tra bản in", reads "match"; once the dossier moves on, "changed".
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/print.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  SKIP,
  VIEWPORT,
  demoNode,
  launchBrowser,
  node,
  pageRpc,
  screenshot,
  serve,
  stop,
  textOf,
} from './helpers.mjs';

const PASSWORD = 'matkhau-demo';
const PROCEDURE = '1.004884'; // Đăng ký lại khai sinh

describe('printing and checking a printout on screen', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  let code;
  const pageErrors = [];

  before(async () => {
    let dataDir;
    ({ tmp, dataDir } = await demoNode('print'));
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

  /** Calls the node's RPC from the page, as the logged-in user: {ok, body}. */
  const rawRpc = (method, params) => pageRpc(page, method, params);

  async function rpc(method, params) {
    const reply = await rawRpc(method, params);
    assert.ok(reply.ok, `${method}: ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  /** Waits until the preview has drawn its pages and some page has ink on it. */
  async function pagesDrawn() {
    await page.getByTestId('print-page').first().waitFor({ state: 'attached', timeout: 15_000 });
    await page.waitForFunction(
      () => {
        if (document.querySelector('[data-testid="print-preview"] [aria-busy="true"]')) return false;
        return [...document.querySelectorAll('[data-testid="print-page"]')].some((c) => {
          if (!c.width || !c.height) return false;
          const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
          let ink = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 600) ink++;
          }
          return ink > 500;
        });
      },
      null,
      { timeout: 20_000 },
    );
    assert.equal(await page.getByTestId('print-render-error').count(), 0);
  }

  /** Hồ sơ, back at the list if a dossier is open. */
  async function dossierList() {
    await page.getByTestId('nav-dossiers').click();
    if (await page.getByTestId('dossier-back').count()) await page.getByTestId('dossier-back').click();
  }

  async function openDossier() {
    await dossierList();
    await page.getByTestId('dossiers-tab-all').click();
    await page.getByTestId('dossier-search').fill(code);
    await page.getByTestId(`dossier-open-${code}`).click();
    await page.getByTestId('dossier-code').waitFor({ state: 'visible', timeout: 10_000 });
  }

  async function verify(text) {
    await dossierList();
    await page.getByTestId('dossiers-tab-verify').click();
    const box = page.getByTestId('verify-text');
    await box.fill(text);
    // A handheld scanner ends with Enter.
    await box.press('Enter');
    await page.getByTestId('verify-result').waitFor({ state: 'visible', timeout: 10_000 });
    return page.getByTestId('verify-result');
  }

  it('the clerk prints Form 01 and sees its pages drawn in the preview', async () => {
    await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('login-username').fill('vanthu');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('nav-dossiers').waitFor({ state: 'visible', timeout: 10_000 });

    const received = await rpc('Dossiers.Receive', {
      procedure: PROCEDURE,
      applicant: { fullName: 'Trần Thị Mai', citizenId: '038190000456', address: 'Thôn Đông, xã Đông Sơn', phone: '0912345679', email: '' },
      channel: 'in_person',
      documents: [{ name: 'Tờ khai đăng ký lại khai sinh', form: 'original', count: 1 }],
      sets: 1,
    });
    assert.equal(received.received, true);
    code = received.code;

    await openDossier();
    await page.getByTestId('print-form-receipt').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.getByTestId('print-form-control').count(), 1);
    // Nothing to supplement, refuse, apologise for or stop yet.
    for (const form of ['supplement', 'refusal', 'refusal_notice', 'apology', 'stop']) {
      assert.equal(await page.getByTestId(`print-form-${form}`).count(), 0);
    }

    await page.getByTestId('print-form-receipt').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await dialog.getAttribute('data-testid'), 'print-preview');
    assert.match(await textOf(page, 'print-title'), /Mẫu 01/);
    assert.equal(await page.getByTestId('print-reprint').count(), 0);

    await pagesDrawn();
    await screenshot(page, 'print-preview.png');

    // Escape closes the preview; the focus goes back to the button.
    await page.keyboard.press('Escape');
    await page.getByTestId('print-preview').waitFor({ state: 'detached', timeout: 5_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'print-form-receipt');

    // Printed again: a reprint, and it says so.
    await page.getByTestId('print-form-receipt').click();
    await page.getByTestId('print-reprint').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await textOf(page, 'print-reprint'), 'Bản in lại (lần 1)');
    await page.getByTestId('print-close').click();
    await page.getByTestId('print-preview').waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('the QR text of a printout checks as "match", then "changed" once the dossier moves on', async () => {
    const printed = await rpc('Print.Form', { form: '01', code });
    assert.match(printed.verify, /^HSVF1\|38001\|dossier\/[^|]+\|\d+\|[0-9a-f]{32}$/);

    let result = await verify(printed.verify);
    assert.equal(await result.getAttribute('data-status'), 'match');
    assert.equal(await textOf(page, 'verify-verdict'), 'Khớp: hồ sơ trên máy này đúng như bản in');
    assert.equal(await textOf(page, 'verify-subject'), code);
    await screenshot(page, 'verify-match.png');

    await rpc('Dossiers.Act', { code, action: 'dossier.handed_over', body: { note: 'Chuyển bộ phận chuyên môn' } });
    result = await verify(printed.verify);
    assert.equal(await result.getAttribute('data-status'), 'changed');
    assert.equal(await textOf(page, 'verify-verdict'), 'Đã có thay đổi sau khi in');
    const added = page.getByTestId('verify-added-row');
    assert.equal(await added.count(), 1);
    assert.match(await added.first().textContent(), /Chuyển xử lý/);
    assert.match(await added.first().textContent(), /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);

    // Not a printout's QR at all: said in words.
    await page.getByTestId('verify-text').fill('xin chào');
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-error').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'verify-error'), 'Đây không phải nội dung mã QR của một bản in từ Hồ Sơ Một Cửa.');
  });

  it('the tracking book (Form 06) of this month prints from the list', async (t) => {
    const probe = await rawRpc('Print.Book', { from: '2026-01-01', to: '2026-01-02' });
    if (!probe.ok && probe.body?.error?.code === 'unknown_method') {
      t.skip('this node has no Print.Book yet');
      return;
    }
    await dossierList();
    await page.getByTestId('dossiers-tab-all').click();
    // On a screen under 860 pixels high the book's bar starts folded (issue 22 item 5).
    if ((await page.getByTestId('dossier-bar-toggle').getAttribute('aria-expanded')) === 'false') await page.getByTestId('dossier-bar-toggle').click();
    assert.match(await page.getByTestId('book-from').inputValue(), /^01\/\d{2}\/\d{4}$/);
    await page.getByTestId('print-book').click();
    await page.getByTestId('print-preview').waitFor({ state: 'visible', timeout: 15_000 });
    // This month's book is of the 2025 set: Form 07.
    assert.match(await textOf(page, 'print-title'), /^Mẫu 07 — Sổ theo dõi hồ sơ/);
    await pagesDrawn();
    // A4 landscape: wider than tall.
    const [w, h] = await page.getByTestId('print-page').first().evaluate((c) => [c.width, c.height]);
    assert.ok(w > h, `page ${w}×${h} is not landscape`);
    await screenshot(page, 'print-book.png');
    await page.getByTestId('print-close').click();
    await page.getByTestId('print-preview').waitFor({ state: 'detached', timeout: 5_000 });
    assert.deepEqual(pageErrors, []);
  });
});
