// End-to-end: Kế hoạch → "Kiểm tra" (issue 17 item 4). The province's
// inspector plans a visit to the demo commune, records a failed checklist
// item with its finding and fix, and the record prints with the print QR;
// the commune's officer answers the finding; the inspector closes it.
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/inspections.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { DESK_VIEWPORT, SKIP, demoNode, launchBrowser, login, logout, openPage, screenshot, serve, stop, textOf } from './helpers.mjs';

describe('Inspections: a finding followed to closure', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  const pageErrors = [];
  const title = 'Kiểm tra đột xuất công tác một cửa';

  before(async () => {
    let dataDir;
    ({ tmp, dataDir } = await demoNode('inspections', '--dossiers', '10'));
    server = await serve(dataDir);
    browser = await launchBrowser();
    page = await openPage(browser, server.url, DESK_VIEWPORT, pageErrors);
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** Opens Kế hoạch on its Kiểm tra tab. */
  async function openTab() {
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plans-tab-inspections').click();
    await page.getByTestId('inspections').waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** Opens the tab and the inspection planned here. */
  async function openVisit() {
    await openTab();
    const row = page.locator('[data-testid^="inspections-row-"]').filter({ hasText: title });
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.locator('[data-testid^="inspections-open-"]').click();
    await page.getByTestId('inspection-view').waitFor({ state: 'visible', timeout: 10_000 });
  }

  it('the inspector records a failed item with its fix, and the record prints', async () => {
    await login(page, 'thanhtratinh');
    await openTab();
    // The demo's visit is listed, with its overdue fix.
    await page.locator('[data-testid^="inspections-overdue-"]').first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('inspections-plan-open').click();
    await page.getByTestId('plan-office').fill('38001');
    await page.getByTestId('plan-title').fill(title);
    await page.getByTestId('plan-text').fill('Niêm yết thủ tục hành chính\nSổ theo dõi hồ sơ');
    await page.getByTestId('plan-submit').click();
    await page.getByTestId('check-C1').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('check-C1-result').selectOption('fail');
    await page.getByTestId('check-C1-note').fill('Chưa niêm yết thủ tục mới ban hành');
    await page.getByTestId('check-C1-finding').fill('Niêm yết các thủ tục mới ban hành');
    await page.getByTestId('check-C1-owner').selectOption({ label: 'Trần Văn Minh' });
    await page.getByTestId('check-C1-due').fill('2099-12-31');
    await page.getByTestId('check-C1-save').click();
    await page.getByTestId('finding-F1').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'check-C1-shown'), 'Không đạt');
    assert.equal(await textOf(page, 'finding-F1-state'), 'Chưa khắc phục');
    assert.match(await textOf(page, 'finding-F1'), /Trần Văn Minh/);
    await screenshot(page, 'inspections-inspector.png');
    await page.getByTestId('inspection-print').click();
    await page.getByTestId('print-preview').waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('[data-testid="print-preview"] canvas').first().waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'inspections-print.png');
    await page.keyboard.press('Escape');
    await page.getByTestId('print-preview').waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('the commune answers the finding', async () => {
    await logout(page);
    await login(page, 'chuyenvien');
    await openVisit();
    assert.equal(await page.getByTestId('finding-F1-close').count(), 0);
    assert.equal(await page.getByTestId('check-C1-result').count(), 0);
    await page.getByTestId('finding-F1-answer-text').fill('Đã niêm yết đủ các thủ tục mới tại bộ phận một cửa');
    await page.getByTestId('finding-F1-answer').click();
    await page.getByTestId('finding-F1-answers').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'finding-F1-state'), 'Đã trả lời');
  });

  it('the inspector closes it, and the record prints again', async () => {
    await logout(page);
    await login(page, 'thanhtratinh');
    await openVisit();
    assert.match(await textOf(page, 'finding-F1-answers'), /Đã niêm yết đủ/);
    await page.getByTestId('finding-F1-close').click();
    await page.getByTestId('finding-F1-reopen').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'finding-F1-state'), 'Đã đóng');
    await page.getByTestId('inspection-print').click();
    await page.getByTestId('print-preview').waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Escape');
    assert.deepEqual(pageErrors, []);
  });
});
