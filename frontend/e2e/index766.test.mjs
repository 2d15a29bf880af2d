// End-to-end: the Decision 766 card on Báo cáo › Chỉ tiêu against the real
// node, filled with the demo (`hoso-node demo --dossiers 200`). The leader
// opens the dashboard for the whole year: the card shows the indicators,
// the national ones say they need the portal's data, and the digitization
// figure drills down to the dossiers without scans — as many as the card's
// denominator less its numerator, whether the demo attaches scans or not.
// Skipped while the node has no Reports.Index (unknown_method).
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/index766.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { SKIP, VIEWPORT, demoNode, launchBrowser, pageRpc, screenshot, serve, stop, textOf } from './helpers.mjs';

const PASSWORD = 'matkhau-demo';
const CODE = /^\d{5}-\d{6}-\d{4}$/;

describe('the Decision 766 index on screen', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  let missing = '';
  const pageErrors = [];

  before(async () => {
    // The same demo as iso_nc's and layout1366's: under the runner, made once for the three.
    let dataDir;
    ({ tmp, dataDir } = await demoNode('index766', '--dossiers', '200'));
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

  /** The number of dossiers the drill-down says it lists: "N hồ sơ" or "Hiển thị 200 / N hồ sơ". */
  async function drillTotal() {
    await page.getByTestId('drill-list').waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('[data-testid="drill-list"]:not([aria-busy])').waitFor({ timeout: 15_000 });
    await page.getByTestId('drill-count').waitFor({ state: 'visible', timeout: 15_000 });
    const text = await textOf(page, 'drill-count');
    const m = /(?:\/\s*)?(\d+) hồ sơ$/.exec(text.trim());
    assert.ok(m, `drill count "${text}"`);
    return Number(m[1]);
  }

  /** Waits for a drill-down request to finish after a click. */
  async function settled() {
    await page.waitForTimeout(50);
    await page.locator('[data-testid="drill-list"]:not([aria-busy])').waitFor({ timeout: 15_000 });
  }

  it('the leader logs in; the node answers Reports.Index', async () => {
    await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('login-username').fill('lanhdao');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('nav-reports').waitFor({ state: 'visible', timeout: 10_000 });
    const reply = await pageRpc(page, 'Reports.Index', { period: String(new Date().getFullYear()) });
    if (!reply.ok && (reply.body?.error?.code ?? reply.body?.code) === 'unknown_method') missing = 'this node has no Reports.Index yet';
    else assert.ok(reply.ok, `Reports.Index: ${JSON.stringify(reply.body)}`);
  });

  it('Chỉ tiêu: the index card beside the targets; digitization drills down to the dossiers without scans', async (t) => {
    if (missing) return t.skip(missing);
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-tab-dashboard').click();
    // A year of demo dossiers: the whole year has some whatever today is.
    await page.getByTestId('report-period-kind').selectOption('year');
    const year = String(new Date().getFullYear());
    await page.getByTestId('report-year').selectOption(year);
    await page.locator(`[data-testid="report-toolbar"][data-period="${year}"]`).waitFor({ timeout: 5_000 });
    await page.getByTestId('index766').waitFor({ state: 'visible', timeout: 15_000 });
    const row = page.getByTestId('index766-6.1');
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    // The card reloads for the year: wait for its figures to be the year's.
    const api = await pageRpc(page, 'Reports.Index', { period: year });
    assert.ok(api.ok, JSON.stringify(api.body));
    const digitized = api.body.indicators.find((x) => x.id === '6.1');
    await page.locator(`[data-testid="index766-6.1"][data-denominator="${digitized.denominator}"]`).waitFor({ timeout: 15_000 });
    const num = Number(await row.getAttribute('data-numerator'));
    const den = Number(await row.getAttribute('data-denominator'));
    assert.ok(den > 0, `no dossiers received in ${year}`);
    assert.equal(num, digitized.numerator);
    assert.match(await textOf(page, 'index766-6.1-value'), /^\d+(,\d)?%$/);
    assert.match(await textOf(page, 'index766-6.1-score'), /^\d+(,\d+)?\/10$/);
    assert.equal(await textOf(page, 'index766-1.1-value'), 'Cần dữ liệu quốc gia');
    assert.match(await textOf(page, 'index766-2.1-value'), /^\d+(,\d)?%$/);

    // The rest first: the dossiers without scans (or with a paper result only).
    await page.getByTestId('index766-6.1-row').click();
    await page.getByTestId('drill-title').filter({ hasText: /Chỉ số 6\.1 .*: Chưa đạt$/ }).waitFor({ timeout: 10_000 });
    assert.equal(await drillTotal(), den - num);
    const codes = await page.locator('[data-testid^="drill-open-"]').allTextContents();
    assert.equal(codes.length, Math.min(200, den - num));
    for (const code of codes) assert.match(code.trim(), CODE);
    await page.getByTestId('index766').scrollIntoViewIfNeeded();
    await screenshot(page, 'index766-dashboard.png');

    // Those counted: the numerator.
    await page.getByTestId('index766-drill-numerator').click();
    await page.getByTestId('drill-title').filter({ hasText: /: Đạt$/ }).waitFor({ timeout: 10_000 });
    await settled();
    assert.equal(await drillTotal(), num);
    assert.deepEqual(pageErrors, []);
  });
});
