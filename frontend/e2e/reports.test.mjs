// End-to-end: Báo cáo against the real node, filled with the demo offices,
// users and a year of dossiers (`hoso-node demo --dossiers 200`). The
// leader opens the reports: the II.06a table's total row adds up (column 3
// = 4 + 5 + 6, read from the screen) and a number lists its dossiers; the
// dashboard shows the four targets, a target lists dossiers with their
// codes, and the on-time chart is drawn. Skipped while the node has no
// Reports.II06a (unknown_method).
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/reports.test.mjs
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
const CODE = /^\d{5}-\d{6}-\d{4}$/;
const TARGETS = ['one_stop', 'same_level', 'cross_level', 'satisfied'];

describe('reports on screen', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  /** Why the reports cannot be tested on this node, or "". */
  let missing = '';
  const pageErrors = [];

  before(async () => {
    let dataDir;
    ({ tmp, dataDir } = await demoNode('reports', '--dossiers', '200'));
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

  /** Numbers of the table row: {col: n}. */
  async function rowNumbers(id) {
    const out = {};
    for (const col of ['3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13']) {
      out[col] = Number(await textOf(page, `ii06a-cell-${id}-${col}`));
    }
    return out;
  }

  async function drillCodes() {
    await page.getByTestId('drill-list').waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('[data-testid="drill-list"]:not([aria-busy])').waitFor({ timeout: 15_000 });
    return page.locator('[data-testid^="drill-open-"]').allTextContents();
  }

  it('the leader logs in; the node answers Reports.II06a', async () => {
    await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('login-username').fill('lanhdao');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('nav-reports').waitFor({ state: 'visible', timeout: 10_000 });
    const year = new Date().getFullYear();
    const reply = await rawRpc('Reports.II06a', { period: String(year) });
    if (!reply.ok && (reply.body?.error?.code ?? reply.body?.code) === 'unknown_method') missing = 'this node has no Reports.II06a yet';
    else assert.ok(reply.ok, `Reports.II06a: ${JSON.stringify(reply.body)}`);
  });

  it('Tổng hợp II.06a: the total row adds up on screen, a number lists its dossiers', async (t) => {
    if (missing) return t.skip(missing);
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('ii06a-table').waitFor({ state: 'visible', timeout: 15_000 });
    // A year of demo dossiers: the whole year has some whatever today is.
    await page.getByTestId('report-period-kind').selectOption('year');
    const year = String(new Date().getFullYear());
    await page.getByTestId('report-year').selectOption(year);
    await page.locator(`[data-testid="report-toolbar"][data-period="${year}"]`).waitFor({ timeout: 5_000 });
    await page.getByTestId('ii06a-period').filter({ hasText: ` ${year}:` }).waitFor({ timeout: 15_000 });

    const cells = async (id) => (await page.getByTestId(id).locator('th').allTextContents()).map((s) => s.trim());
    assert.deepEqual(await cells('ii06a-groups'), [
      'STT',
      'Lĩnh vực giải quyết',
      'Số hồ sơ nhận giải quyết',
      'Kết quả giải quyết',
      'Số hồ sơ đang giải quyết',
    ]);
    assert.deepEqual(await cells('ii06a-numbers'), Array.from({ length: 13 }, (_, i) => `(${i + 1})`));
    const total = await rowNumbers('total');
    assert.ok(total['3'] > 0, `no dossiers received in ${year}: ${JSON.stringify(total)}`);
    assert.equal(total['3'], total['4'] + total['5'] + total['6'], JSON.stringify(total));
    assert.equal(total['7'], total['8'] + total['9'] + total['10'], JSON.stringify(total));
    assert.equal(total['11'], total['12'] + total['13'], JSON.stringify(total));
    // The sectors add up to the total.
    const rows = await page.locator('[data-testid^="ii06a-row-"]:not([data-testid="ii06a-row-total"])').count();
    assert.ok(rows > 0);
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += Number(await textOf(page, `ii06a-cell-${i}-3`));
    assert.equal(sum, total['3']);
    assert.match(await textOf(page, 'freshness'), /dữ liệu tại máy/);

    await page.getByTestId('ii06a-cell-total-3').click();
    const codes = await drillCodes();
    assert.ok(codes.length > 0, 'the list of column 3 is empty');
    for (const code of codes) assert.match(code.trim(), CODE);
    assert.equal(await textOf(page, 'drill-count'), total['3'] > 200 ? `Hiển thị 200 / ${total['3']} hồ sơ` : `${total['3']} hồ sơ`);
    await screenshot(page, 'reports-ii06a.png');

    // A code opens the dossier itself.
    const first = codes[0].trim();
    await page.getByTestId(`drill-open-${first}`).click();
    await page.getByTestId('dossier-code').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'dossier-code'), new RegExp(first));
    assert.deepEqual(pageErrors, []);
  });

  it('Chỉ tiêu: the four targets; a target lists dossiers with their codes; the chart is drawn', async (t) => {
    if (missing) return t.skip(missing);
    await page.getByTestId('reports-tab-dashboard').click();
    for (const key of TARGETS) await page.getByTestId(`target-${key}`).waitFor({ state: 'visible', timeout: 15_000 });
    for (const key of TARGETS) assert.match(await textOf(page, `target-${key}-value`), /^(\d+(,\d)?%|chưa có số liệu)$/);

    // The target with the most dossiers counted.
    let best = '';
    let most = 0;
    for (const key of TARGETS) {
      const ratio = (await page.getByTestId(`target-${key}-ratio`).count()) ? await textOf(page, `target-${key}-ratio`) : '';
      const n = Number(/^(\d+) \/ \d+$/.exec(ratio)?.[1] ?? 0);
      if (n > most) [best, most] = [key, n];
    }
    assert.ok(best, 'no target counts any dossier');
    await page.getByTestId(`target-${best}`).click();
    const codes = await drillCodes();
    assert.ok(codes.length > 0, `the list of ${best} is empty`);
    assert.match(codes[0].trim(), CODE);

    // The on-time chart has ink on its canvas.
    await page.waitForFunction(
      () => {
        const c = document.querySelector('[data-testid="ontime-chart"] canvas');
        if (!c || !c.width || !c.height) return false;
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
        return false;
      },
      null,
      { timeout: 10_000 },
    );
    await page.getByTestId('target-one_stop').scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-dashboard.png');

    await page.getByTestId('kpi-overdue').click();
    await page.getByTestId('drill-title').filter({ hasText: 'Hồ sơ đang quá hạn' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('[data-testid^="drill-open-"]').count() > 0, Number(await textOf(page, 'kpi-overdue-value')) > 0);
    assert.deepEqual(pageErrors, []);
  });
  it('Hài lòng: the leader enters a manual indicator; Đối soát lists the office', async (t) => {
    if (missing) return t.skip(missing);
    await page.getByTestId('reports-tab-satisfaction').click();
    await page.getByTestId('sat-offices').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await textOf(page, 'sat-office-38001-visits'), '—');
    await page.getByTestId('sat-edit-38001').click();
    await page.getByTestId('score-visits').fill('1.5');
    await page.getByTestId('score-save').click();
    await page.getByTestId('score-saved').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'sat-office-38001-visits'), /^1,5✎/);
    assert.match(await textOf(page, 'sat-office-38001-grade'), /\S/);
    await screenshot(page, 'reports-satisfaction.png');

    await page.getByTestId('reports-tab-reconciliation').click();
    await page.getByTestId('reconciliation-table').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await textOf(page, 'recon-38001-sync'), 'máy này');
    assert.match(await textOf(page, 'recon-38001-latest'), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    assert.ok(Number(await textOf(page, 'recon-38001-received')) > 0);
    assert.deepEqual(pageErrors, []);
  });
});
