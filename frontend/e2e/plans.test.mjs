// End-to-end: Kế hoạch on the demo tree with a district. The district's
// leader sees the province's Decision 3170 plan and its own action plan;
// a commune leader records progress done on the action plan's task; the
// district's matrix shows that commune's cell done. Then the whole flow by
// hand: the district publishes a plan for every commune from the form, the
// commune breaks its task into an action plan and reports it done, and the
// district's matrix of the new plan turns green for it. (The demo has no
// province user: the district, the level above the commune, issues.)
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/plans.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { DESK_VIEWPORT, SKIP, demoNode, launchBrowser, login, logout, openPage, screenshot, serve, stop, textOf } from './helpers.mjs';

describe('Kế hoạch: plans down the tree and the supervisor matrix', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  const pageErrors = [];

  before(async () => {
    let dataDir;
    ({ tmp, dataDir } = await demoNode('plans', '--districts'));
    server = await serve(dataDir);
    browser = await launchBrowser();
    page = await openPage(browser, server.url, DESK_VIEWPORT, pageErrors);
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function openMatrix() {
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plans-tab-matrix').click();
    await page.getByTestId('matrix').waitFor({ state: 'visible', timeout: 10_000 });
  }

  const cell = (office, task) => page.getByTestId(`matrix-cell-${office}-${task}`).getAttribute('data-status');

  it("the district's leader sees the province's plan and its own action plan's matrix", async () => {
    await login(page, 'huyen');
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plan-open-38-3170-2012').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('plan-open-405-3170-kh').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('plan-open-38-3170-2012').click();
    await page.getByTestId('plan-detail').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'plan-task-IV.1a'), /2012-10-20/);
    assert.match(await textOf(page, 'progress-status-IV.1a'), /Đã hoàn thành/);
    await screenshot(page, 'plans-district.png');
    await openMatrix();
    assert.notEqual(await cell('38001', 'KH1'), 'done');
  });

  it('a commune leader records the task done, and the district sees the cell done', async () => {
    await logout(page);
    await login(page, 'lanhdao');
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plan-open-405-3170-kh').click();
    await page.getByTestId('plan-detail').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('progress-select-KH1').selectOption('done');
    await page.getByTestId('progress-note-KH1').fill('Đã gửi báo cáo quý IV');
    await page.getByTestId('progress-link-KH1').fill('plan/405/405-3170-kh');
    // A file that is not a scan is refused in words; a PDF is attached
    // (Files.Put checks its bytes) and goes with the progress record.
    await page.getByTestId('progress-file-KH1').setInputFiles({ name: 'ghi-chu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('only words') });
    await page.getByTestId('progress-error').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'progress-error'), /PDF, JPEG hoặc PNG/);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await page.getByTestId('progress-file-KH1').setInputFiles({ name: 'Báo cáo quý IV.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByTestId('progress-attached-KH1').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('progress-save-KH1').click();
    await page.getByTestId('progress-status-KH1').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'progress-status-KH1'), /Đã hoàn thành/);
    assert.match(await textOf(page, 'evidence-file-KH1'), /Báo cáo quý IV\.pdf/);
    await screenshot(page, 'plans-commune-progress.png');

    await logout(page);
    await login(page, 'huyen');
    await openMatrix();
    assert.equal(await cell('38001', 'KH1'), 'done');
    assert.notEqual(await cell('38002', 'KH1'), 'done');
    await screenshot(page, 'plans-matrix.png');
    assert.deepEqual(pageErrors, []);
  });

  it('the district publishes a plan for every commune; a commune breaks its task into an action plan and reports it done; the matrix turns green', async () => {
    const title = 'Kế hoạch số hóa hồ sơ 2027';
    // The district's leader (logged in) publishes from the form.
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plans-tab-plans').click();
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-title').fill(title);
    await page.getByTestId('plan-decision').fill('45/KH-UBND');
    await page.getByTestId('plan-row-title-0').fill('Số hóa hồ sơ tiếp nhận');
    await page.getByTestId('plan-row-who-0').selectOption('commune');
    await page.getByTestId('plan-row-due-0').selectOption('date');
    await page.getByTestId('plan-row-date-0').fill('2027-06-30');
    await page.getByTestId('plan-row-output-0').selectOption('document');
    await page.getByTestId('plan-publish').click();
    await page.getByTestId('plan-detail').waitFor({ state: 'visible', timeout: 10_000 });

    // The commune's leader breaks the task into its action plan and
    // reports it done.
    await logout(page);
    await login(page, 'lanhdao');
    await page.getByTestId('nav-plans').click();
    await page.getByTestId('plans-tab-plans').click();
    await page.getByRole('button', { name: title }).click();
    await page.getByTestId('plan-detail').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('breakdown-T1').click();
    await page.getByTestId('breakdown-title').fill('Kế hoạch hành động số hóa của xã');
    await page.getByTestId('breakdown-task').fill('Số hóa 100% hồ sơ tại bộ phận một cửa');
    await page.getByTestId('breakdown-save').click();
    await page.getByRole('button', { name: 'Kế hoạch hành động số hóa của xã' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('progress-select-T1').selectOption('done');
    await page.getByTestId('progress-note-T1').fill('Đã ban hành kế hoạch hành động');
    await page.getByTestId('progress-save-T1').click();
    await page.getByTestId('progress-status-T1').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'progress-status-T1'), /Đã hoàn thành/);

    // The district's matrix of the new plan: the commune's cell is done.
    await logout(page);
    await login(page, 'huyen');
    await openMatrix();
    await page.getByTestId('matrix-plan').selectOption({ label: title });
    await page.getByTestId('matrix-cell-38001-T1').waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="matrix-cell-38001-T1"]')?.getAttribute('data-status') === 'done', null, { timeout: 10_000 });
    assert.equal(await cell('38001', 'T1'), 'done');
    await screenshot(page, 'plans-matrix-new-plan.png');
    assert.deepEqual(pageErrors, []);
  });
});
