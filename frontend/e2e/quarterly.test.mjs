// End-to-end: Kế hoạch → "Báo cáo quý" on the demo tree. The commune's
// leader signs the last closed quarter's report; the province's user sees
// it in its roll-up as a source with that version; the leader corrects it
// with a reason, which makes the next version. The version numbers are
// read from the screen first: the demo may have signed that quarter
// already (its clock runs through the past year), so only "the last
// closed quarter" and "the next version" are assumed.
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/quarterly.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { DESK_VIEWPORT, SKIP, demoNode, launchBrowser, login, logout, openPage, screenshot, serve, stop, textOf } from './helpers.mjs';

describe('Báo cáo quý: signed by the leader, rolled up to the province', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  const pageErrors = [];
  let signed = 0;

  before(async () => {
    let dataDir;
    ({ tmp, dataDir } = await demoNode('quarterly'));
    server = await serve(dataDir);
    browser = await launchBrowser();
    page = await openPage(browser, server.url, DESK_VIEWPORT, pageErrors);
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function openTab() {
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plans-tab-quarterly').click();
    await page.getByTestId('quarterly-figures').waitFor({ state: 'visible', timeout: 10_000 });
    // The versions load after the draft.
    await page.waitForFunction(() => document.querySelector('[data-testid="quarterly-versions"], [data-testid="quarterly-no-versions"]') !== null, null, { timeout: 10_000 });
  }

  /** The highest signed version on screen, 0 for none. */
  async function latestVersion() {
    const ids = await page.locator('[data-testid^="quarterly-version-"]').evaluateAll((els) => els.map((e) => Number(e.dataset.testid.replace('quarterly-version-', ''))));
    return ids.length ? Math.max(...ids) : 0;
  }

  it("the commune's leader signs the last closed quarter's report", async () => {
    await login(page, 'lanhdao');
    await openTab();
    assert.match(await textOf(page, 'quarterly-status'), /Dự thảo/);
    const before = await latestVersion();
    await page.getByTestId('quarterly-note').fill('Xã hoàn thành các nhiệm vụ được giao trong quý.');
    await page.getByTestId('quarterly-sign').click();
    signed = before + 1;
    await page.getByTestId(`quarterly-version-${signed}`).waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'quarterly-status'), new RegExp(`Phiên bản ${signed}`));
    await page.getByTestId('quarterly-print').click();
    await page.getByTestId('print-preview').waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'quarterly-commune-signed.png');
    await page.keyboard.press('Escape');
    await page.getByTestId('print-preview').waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it("the province's user sees it as a source of the roll-up with its version", async () => {
    await logout(page);
    await login(page, 'thanhtratinh');
    await openTab();
    await page.getByTestId('quarterly-source-38001').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'quarterly-source-38001'), new RegExp(`Phiên bản ${signed}`));
    assert.match(await textOf(page, 'quarterly-sources'), /chưa báo cáo/);
    await screenshot(page, 'quarterly-province-rollup.png');
    await page.getByTestId('quarterly-source-open-38001').click();
    await page.getByTestId('quarterly-note-text').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'quarterly-note-text'), /hoàn thành các nhiệm vụ/);
  });

  it('a correction with a reason makes the next version', async () => {
    await logout(page);
    await login(page, 'lanhdao');
    await openTab();
    await page.getByTestId('quarterly-correct').click();
    await page.getByTestId('quarterly-reason').fill('Bổ sung kết quả tuyên truyền chưa nêu.');
    await page.getByTestId('quarterly-correct-confirm').click();
    await page.getByTestId(`quarterly-version-${signed + 1}`).waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, `quarterly-version-${signed + 1}`), new RegExp(`đính chính phiên bản ${signed}`));
    await screenshot(page, 'quarterly-correction.png');
    assert.deepEqual(pageErrors, []);
  });
});
