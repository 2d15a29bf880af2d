// End-to-end: the access log against the real node, filled with the demo
// offices and users (`hoso-node demo`). The inspector opens a dossier they
// do not hold and finds the read in Hồ sơ › Nhật ký truy cập (who, what,
// the dossier, whose data); the clerk has no such tab and is refused a
// sync bundle; the leader reads the same log.
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/access.test.mjs
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
const NAMES = { vanthu: 'Nguyễn Thị Hồng', lanhdao: 'Lê Thị Lan', thanhtra: 'Phạm Quốc Bảo' };

describe('the access log on screen', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  /** The dossier the inspector reads, and its applicant. */
  let code = '';
  let applicant = '';
  const pageErrors = [];

  before(async () => {
    let dataDir;
    ({ tmp, dataDir } = await demoNode('access', '--dossiers', '20'));
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

  async function login(username) {
    await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('nav-dossiers').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'status-user-name'), NAMES[username]);
  }

  async function logout() {
    await page.getByTestId('logout').click();
    await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** The access log's row of the inspector's read of the dossier. */
  function readRow() {
    return page.locator('[data-testid^="access-row-"][data-action="read"]').filter({ hasText: code }).filter({ hasText: NAMES.thanhtra });
  }

  async function openLog() {
    await page.getByTestId('nav-dossiers').click();
    await page.getByTestId('dossiers-tab-access').click();
    await page.getByTestId('access-log').waitFor({ state: 'visible', timeout: 10_000 });
  }

  it('the inspector opens a dossier and finds the read in the access log', async () => {
    await login('thanhtra');
    const found = await pageRpc(page, 'Dossiers.Search', { page: 1, pageSize: 1 });
    assert.ok(found.ok, JSON.stringify(found.body));
    const item = (found.body?.result ?? found.body).items[0];
    code = item.code;
    applicant = item.applicant?.fullName ?? '';
    assert.ok(code, 'the demo has no dossier');

    await page.getByTestId('nav-dossiers').click();
    await page.getByTestId('dossier-search').fill(code);
    await page.getByTestId(`dossier-open-${code}`).waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId(`dossier-open-${code}`).click();
    await page.getByTestId('dossier-code').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('dossier-back').click();

    await openLog();
    await readRow().first().waitFor({ state: 'visible', timeout: 10_000 });
    const text = (await readRow().first().textContent()).replace(/\s+/g, ' ');
    assert.match(text, /Thanh tra/);
    assert.match(text, /Xem chi tiết hồ sơ/);
    if (applicant) assert.ok(text.includes(applicant), `the row does not name ${applicant}: ${text}`);
    await screenshot(page, 'access-log-inspector.png');
    await logout();
  });

  it('the clerk has no access log and may not export a bundle', async () => {
    await login('vanthu');
    await page.getByTestId('nav-dossiers').click();
    await page.getByTestId('dossiers-tab-all').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.getByTestId('dossiers-tab-access').count(), 0);
    const reply = await pageRpc(page, 'Sync.ExportBundle', { all: true });
    assert.equal(reply.ok, false);
    assert.equal(reply.body?.error?.code ?? reply.body?.code, 'forbidden', JSON.stringify(reply.body));
    const log = await pageRpc(page, 'Records.AccessLog', {});
    assert.equal(log.body?.error?.code ?? log.body?.code, 'forbidden', JSON.stringify(log.body));
    await logout();
  });

  it('the leader reads the same log', async () => {
    await login('lanhdao');
    await openLog();
    await readRow().first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'access-log-leader.png');
    assert.deepEqual(pageErrors, []);
  });
});
