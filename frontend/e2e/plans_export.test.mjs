// End-to-end: the supervisor's matrix exported and the reminders on the
// desk's dashboard, on the demo node. The province's user prints Decision
// 3170's matrix as a PDF whose print QR the node verifies; the commune's
// leader sees "Nhắc việc từ cấp trên" on its dashboard, opens the plan
// from it and acknowledges the reminder, and the count drops.
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/plans_export.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { DESK_VIEWPORT, SKIP, demoNode, launchBrowser, login, logout, openPage, pageRpc, screenshot, serve, stop, textOf } from './helpers.mjs';

describe('Kế hoạch: the matrix exported, reminders on the dashboard', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  const pageErrors = [];

  before(async () => {
    let dataDir;
    ({ tmp, dataDir } = await demoNode('plans-export'));
    server = await serve(dataDir);
    browser = await launchBrowser();
    page = await openPage(browser, server.url, DESK_VIEWPORT, pageErrors);
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("the province prints the matrix of its plan as a PDF whose QR verifies, and downloads it as XLSX", async () => {
    await login(page, 'thanhtratinh');
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plans-tab-matrix').click();
    await page.getByTestId('matrix').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('matrix-pdf').click();
    await page.getByTestId('print-preview').waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('[data-testid="print-preview"] canvas').first().waitFor({ state: 'visible', timeout: 15_000 });
    // Printing is offered once the pages are drawn.
    await page.waitForFunction(() => document.querySelector('[data-testid="print-print"]')?.disabled === false, null, { timeout: 15_000 });
    await screenshot(page, 'plans-matrix-pdf.png');
    await page.keyboard.press('Escape');
    await page.getByTestId('print-preview').waitFor({ state: 'hidden', timeout: 10_000 });

    const pdf = await pageRpc(page, 'Plans.ExportMatrix', { plan: '38-3170-2012', quarter: '', task: '', office: '', format: 'pdf' });
    assert.equal(pdf.ok, true, JSON.stringify(pdf.body));
    assert.ok(pdf.body.reprint >= 1, 'the second print is a reprint');
    const verified = await pageRpc(page, 'Records.Verify', { text: pdf.body.verify });
    assert.equal(verified.body.status, 'match');

    const download = page.waitForEvent('download', { timeout: 15_000 });
    await page.getByTestId('matrix-xlsx').click();
    assert.match((await download).suggestedFilename(), /^theo-doi-38-3170-2012-\d{4}Q\d\.xlsx$/);
    await page.getByTestId('matrix-saved').waitFor({ state: 'visible', timeout: 10_000 });
  });

  it("the commune sees the reminder on its dashboard, opens the plan and acknowledges it", async () => {
    await logout(page);
    await login(page, 'lanhdao');
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-tab-dashboard').click();
    await page.getByTestId('dashboard-reminders').waitFor({ state: 'visible', timeout: 15_000 });
    const before = Number(await textOf(page, 'dashboard-reminders-count'));
    assert.ok(before >= 1, `reminders: ${before}`);
    assert.match(await textOf(page, 'dashboard-reminders'), /Nhắc việc từ cấp trên/);
    const first = page.locator('li button[data-testid^="dashboard-reminder-"]').first();
    await first.waitFor({ state: 'visible', timeout: 10_000 });
    const id = (await first.getAttribute('data-testid')).replace('dashboard-reminder-', '');
    await screenshot(page, 'plans-dashboard-reminders.png');
    await first.click();

    await page.getByTestId('plan-detail').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId(`reminder-ack-${id}`).click();
    await page.getByTestId(`reminder-acked-${id}`).waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'plans-reminder-acknowledged.png');

    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-tab-dashboard').click();
    await page.getByTestId('kpi-overdue').waitFor({ state: 'visible', timeout: 15_000 });
    if (before === 1) {
      assert.equal(await page.getByTestId('dashboard-reminders').count(), 0);
    } else {
      await page.getByTestId('dashboard-reminders').waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(Number(await textOf(page, 'dashboard-reminders-count')), before - 1);
    }
    assert.deepEqual(pageErrors, []);
  });
});
