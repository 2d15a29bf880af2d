// End-to-end: digitization at the desk (issue 20), against the real node
// filled with the demo (`hoso-node demo`, a small year: its dossiers come
// with their scans).
//  (a) The clerk receives a dossier whose two papers carry scans attached
//      with the keyboard: Tab from the paper's box reaches its file input,
//      the files are chosen there (a PNG and a PDF); the PNG shows as a
//      thumbnail, the PDF as a PDF mark; the dossier names both.
//  (b) The same citizen's next dossier: the desk offers the paper
//      digitized before ("Dùng lại bản đã số hóa"); the clerk takes it
//      instead of scanning; the dossier records the reuse, and its screen
//      lists the reused paper, which opens through the dossier's record.
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/scans.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { SKIP, VIEWPORT, demoNode, launchBrowser, login, node, openPage, parseStatus, screenshot, serve, stop, textOf } from './helpers.mjs';

const CHECKLIST = '1.001193'; // Đăng ký khai sinh: given two required papers below
const PAPERS = ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'];
const CITIZEN = { name: 'Lê Thị Số Hóa', id: '038195777001' };
// A whole 1×1 PNG and a small whole PDF: attach.Check reads their kind from the bytes.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('scans at the desk', { skip: SKIP }, () => {
  let tmp;
  let dataDir;
  let server;
  let browser;
  let page;
  let first;
  const pageErrors = [];

  async function operator(method, params = {}) {
    return parseStatus(await node('rpc', '--data', dataDir, method, JSON.stringify(params)));
  }

  before(async () => {
    ({ tmp, dataDir } = await demoNode('scans', '--dossiers', '20'));
    server = await serve(dataDir);
    const got = await operator('Catalog.Get', { code: CHECKLIST });
    const documents = PAPERS.map((name) => ({ name, form: 'original', count: 1, required: true }));
    await operator('Catalog.Save', { procedure: { ...got.procedure, documents } });
    browser = await launchBrowser();
    page = await openPage(browser, server.url, VIEWPORT, pageErrors);
    await login(page, 'vanthu');
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset?.testid);

  /** Opens a fresh intake, picks the procedure and fills the citizen. */
  async function intake() {
    await page.getByTestId('nav-dossiers').click();
    await page.getByTestId('nav-reception').click();
    const picker = page.getByTestId('rc-procedure');
    await picker.waitFor({ state: 'visible', timeout: 10_000 });
    await picker.focus();
    await page.keyboard.type('khai sinh');
    await page.getByTestId(`rc-option-${CHECKLIST}`).click();
    await page.getByTestId('rc-doc-got-1').waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('#rc-fullname').fill(CITIZEN.name);
    await page.locator('#rc-citizenid').fill(CITIZEN.id);
    await page.locator('#rc-address').fill('Thôn 2, xã Đông Sơn');
  }

  /** Waits for the receipt; on a refusal, says what the screen shows. */
  async function receipt() {
    try {
      await page.getByTestId('receipt').waitFor({ state: 'visible', timeout: 10_000 });
    } catch (err) {
      await screenshot(page, 'scans-refused.png');
      const shown = await page.locator('[role="alert"], .field-error, [data-testid$="-error"]').allInnerTexts();
      throw new Error(`no receipt; the screen shows: ${JSON.stringify(shown)}`, { cause: err });
    }
  }

  /** Tab from paper i's box to its file input and choose the file there. */
  async function attachByKeyboard(i, file) {
    await page.getByTestId(`rc-doc-got-${i}`).focus();
    await page.keyboard.press('Tab');
    assert.equal(await focused(), `rc-doc-${i}-file`);
    await page.locator(':focus').setInputFiles(file);
    await page.getByTestId(`rc-doc-${i}-attached`).waitFor({ state: 'visible', timeout: 10_000 });
    // The keyboard stays on the input: the clerk goes on from there.
    assert.equal(await focused(), `rc-doc-${i}-file`);
  }

  it('(a) two scans attached with the keyboard, received with the dossier', async () => {
    await intake();
    await attachByKeyboard(0, { name: 'to-khai.png', mimeType: 'image/png', buffer: PNG });
    await attachByKeyboard(1, { name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
    const thumb = page.getByTestId('rc-doc-0-thumb');
    assert.ok(await thumb.evaluate((img) => img.complete && img.naturalWidth > 0), 'the thumbnail did not load');
    await page.getByTestId('rc-doc-1-pdf').waitFor({ state: 'visible' });
    assert.equal(await page.getByTestId('rc-doc-got-0').isChecked(), true);
    await screenshot(page, 'scans-attached.png');
    await page.keyboard.press('Control+Enter');
    await receipt();
    first = await textOf(page, 'receipt-code');
    const got = await operator('Dossiers.Get', { code: first });
    const [a, b] = got.dossier.documents;
    assert.equal(a.files?.[0]?.name, 'to-khai.png');
    assert.equal(a.files[0].type, 'image/png');
    assert.equal(b.files?.[0]?.type, 'application/pdf');
  });

  it('(b) the same citizen\'s next dossier reuses a paper digitized before', async () => {
    assert.ok(first, 'dossier (a) was not received');
    await intake();
    const reuse = page.getByTestId('rc-doc-0-reuse');
    await reuse.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'rc-doc-0-reuse'), 'Dùng lại bản đã số hóa');
    await reuse.focus();
    await page.keyboard.press('Enter');
    const offer = page.getByTestId('rc-doc-0-offer').first();
    await offer.waitFor({ state: 'visible' });
    assert.match(await offer.innerText(), new RegExp(`to-khai\\.png — hồ sơ ${first}`));
    await offer.focus();
    await page.keyboard.press('Enter');
    assert.match(await textOf(page, 'rc-doc-0-reused'), new RegExp(`Dùng lại to-khai\\.png \\(hồ sơ ${first}\\)`));
    await page.getByTestId('rc-doc-got-1').check();
    await screenshot(page, 'scans-reused.png');
    await page.keyboard.press('Control+Enter');
    await receipt();
    const second = await textOf(page, 'receipt-code');
    assert.notEqual(second, first);
    const got = await operator('Dossiers.Get', { code: second });
    assert.equal(got.dossier.documents[0].reused?.dossier, first);
    assert.equal(got.dossier.documents[0].reused.file.name, 'to-khai.png');
    assert.equal(got.dossier.documents[1].files, undefined);

    // The dossier's screen lists the reused paper; it opens from the record.
    await page.getByTestId('nav-dossiers').click();
    await page.getByTestId('dossier-search').fill(second);
    await page.getByTestId(`dossier-open-${second}`).click();
    await page.getByTestId('dossier-files').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'dossier-paper-1'), new RegExp(`dùng lại từ hồ sơ ${first}`));
    const download = page.waitForEvent('download', { timeout: 10_000 });
    await page.getByTestId('dossier-paper-reused-1').click();
    assert.equal((await download).suggestedFilename(), 'to-khai.png');
    assert.deepEqual(pageErrors, []);
  });
});
