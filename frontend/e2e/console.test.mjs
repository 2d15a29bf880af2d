// End-to-end: the real Go node serves the built frontend as its web console;
// Debian's Chromium (driven by playwright-core, no browser download) checks
// what a clerk would see: the first-start setup of the office, the shell,
// the login, the procedure catalog (an import refused row by row, then
// accepted; a procedure saved as a new version) and the holidays. Plain Node
// requests check the RPC's guards.
//
//   HOSO_NODE=/abs/path/bin/hoso-node npm run e2e
//
// Env: HOSO_NODE (required, else skipped), CHROMIUM (default /usr/bin/chromium),
//      E2E_OUT (screenshots; default frontend/test-results/).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OUT, SKIP, VIEWPORT, launchBrowser, node, parseStatus, screenshot, serve, stop, textOf } from './helpers.mjs';

// The administrator's sections (issue 22: no intake without the clerk's
// role, no ISO placeholder).
const NAV = ['dossiers', 'reports', 'sync', 'admin'];
const LABELS = {
  vi: ['Hồ sơ', 'Báo cáo', 'Đồng bộ', 'Quản trị'],
  en: ['Dossiers', 'Reports', 'Sync', 'Administration'],
};

/** POST with full control of headers (fetch won't let us forge Host). */
function rawPost(url, headers) {
  return new Promise((resolvePromise, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

async function expectNavLabels(page, lang) {
  for (const [i, section] of NAV.entries()) {
    await page
      .getByTestId(`nav-${section}`)
      .getByText(LABELS[lang][i], { exact: true })
      .waitFor({ state: 'visible', timeout: 10_000 });
  }
  assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
}

/** The console's data folder is unlocked by its key file: the vault gate passes at once. */
async function expectNoVaultGate(page) {
  assert.ok(await page.getByTestId('nav-dossiers').isVisible(), 'nav not visible');
  for (const id of ['vault-setup', 'vault-unlock', 'vault-recovery', 'vault-failed', 'login', 'office-setup']) {
    assert.equal(await page.getByTestId(id).count(), 0, `gate screen "${id}" shown in the console`);
  }
}

/** Quotes a CSV cell when it needs it. */
function csvCell(value) {
  const s = String(value ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV file of the given procedures, with Go's header (column order from Catalog.Export). */
function catalogCsv(header, rows) {
  const lines = [header.join(',')];
  for (const row of rows) lines.push(header.map((column) => csvCell(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

describe('web console against the real node', { skip: SKIP }, () => {
  const OFFICE = { code: '38001', name: 'UBND xã Đông Sơn' };
  const ADMIN = { username: 'admin', fullName: 'Lê Thị Thu Hà', password: 'một cửa Đông Sơn' };
  let tmp;
  let dataDir;
  let server;
  let browser;
  let page;
  let consoleUrl;
  let origin;
  let token;
  let status;
  const pageErrors = [];

  /** `hoso-node rpc` against the serving node, as the operator; returns the parsed reply. */
  async function rpc(method, params = {}) {
    return parseStatus(await node('rpc', '--data', dataDir, method, JSON.stringify(params)));
  }

  async function openAdminTab(tab) {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId(`admin-tab-${tab}`).click();
  }

  before(async () => {
    // The data folder is encrypted; a headless node's key lives in a key file
    // that must sit outside it, so both go side by side in one temp folder.
    tmp = await mkdtemp(join(tmpdir(), 'hoso-e2e-'));
    dataDir = join(tmp, 'node');
    await mkdir(OUT, { recursive: true });
    await node('init', '--data', dataDir, '--key-file', join(tmp, 'node.key'));
    // Read status before serve so a store lock held by serve can't block it.
    status = parseStatus(await node('status', '--data', dataDir));
    assert.ok(status.peerId, `status JSON has no peerId: ${JSON.stringify(status)}`);

    server = await serve(dataDir);
    consoleUrl = server.url;
    const parsed = new URL(consoleUrl);
    origin = parsed.origin;
    token = server.token;

    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('first start: the setup screen creates the office and its administrator, then the Vietnamese shell', async () => {
    await page.goto(consoleUrl);
    const setup = page.getByTestId('office-setup');
    await setup.waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok(!page.url().includes('token='), `token left in the address bar: ${page.url()}`);
    assert.equal(await setup.locator('h1').textContent(), 'Thiết lập đơn vị');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');

    // The client's checks first: an office code with a letter.
    await page.getByTestId('setup-office-code').fill('3800a');
    await page.getByTestId('setup-submit').click();
    assert.equal(
      await textOf(page, 'setup-office-code-error'),
      'Mã đơn vị gồm 2–8 chữ số (tỉnh 2, huyện 3, xã 5).',
    );

    await page.getByTestId('setup-office-code').fill(OFFICE.code);
    await page.getByTestId('setup-office-name').fill(OFFICE.name);
    await page.getByTestId('setup-admin-username').fill(ADMIN.username);
    await page.getByTestId('setup-admin-fullname').fill(ADMIN.fullName);
    await page.getByTestId('setup-admin-password').fill(ADMIN.password);
    await page.getByTestId('setup-admin-confirm').fill(ADMIN.password);
    await screenshot(page, 'setup.png');
    await page.getByTestId('setup-submit').click();

    await expectNavLabels(page, 'vi');
    await expectNoVaultGate(page);
    // data-ready flips once System.Info has answered over the RPC.
    await page
      .locator('[data-testid="status-bar"][data-ready="true"]')
      .waitFor({ timeout: 10_000 })
      .catch(async (err) => {
        const banner = await page.getByTestId('error-banner').textContent({ timeout: 500 }).catch(() => 'none');
        throw new Error(
          'System.Info never reached the status bar. Is the node built with the current ' +
            `frontend/dist (make build)? error banner: ${banner}\n${err.message}`,
        );
      });
    const version = await textOf(page, 'status-version');
    if (status.version) assert.ok(version.includes(status.version), `status bar "${version}" lacks ${status.version}`);
    else assert.match(version, /^Phiên bản\s+[^—\s]/, `no version in status bar: "${version}"`);
    assert.equal(await textOf(page, 'status-user-name'), ADMIN.fullName);
    assert.match(await textOf(page, 'status-office'), /UBND xã Đông Sơn \(38001\)/);
    assert.equal(await page.getByTestId('error-banner').count(), 0, 'unexpected error banner');

    const setupNow = await rpc('Setup.Status');
    assert.equal(setupNow.needed, false);
    assert.equal(setupNow.office.code, OFFICE.code);
  });

  it('Quản trị shows the peer ID that `status` printed (System.Info over RPC)', async () => {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('info-peer-id').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'info-peer-id'), status.peerId);
    assert.notEqual(await textOf(page, 'info-data-dir'), '');
    await screenshot(page, 'console-vi.png');
  });

  it('switches to English and remembers it across a reload, still logged in', async () => {
    // The choice is also sent to the node over the RPC.
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/rpc/System.SetLanguage'), { timeout: 10_000 }),
      page.getByTestId('lang-switch').selectOption('en'),
    ]);
    assert.equal(reply.status(), 200, `System.SetLanguage: ${await reply.text()}`);
    await expectNavLabels(page, 'en');
    assert.equal(await page.getByTestId('error-banner').count(), 0, 'unexpected error banner');
    await screenshot(page, 'console-en.png');

    await page.reload();
    await expectNavLabels(page, 'en');
    await expectNoVaultGate(page);
    assert.equal(await page.getByTestId('lang-switch').inputValue(), 'en');
    // After reload the token and the session come from sessionStorage.
    await page.getByTestId('info-peer-id').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'info-peer-id'), status.peerId);
    assert.equal(await textOf(page, 'status-user-name'), ADMIN.fullName);

    await page.getByTestId('lang-switch').selectOption('vi');
    await expectNavLabels(page, 'vi');
    assert.deepEqual(pageErrors, []);
  });

  it('guards the RPC: token, Origin and Host are checked; other methods want a login', async () => {
    const rpcUrl = `${origin}/rpc/System.Info`;
    const json = { 'Content-Type': 'application/json' };
    const auth = { ...json, Authorization: `Bearer ${token}` };

    const noToken = await rawPost(rpcUrl, json);
    assert.equal(noToken.status, 401, `no token: ${noToken.body}`);

    const evilOrigin = await rawPost(rpcUrl, { ...auth, Origin: 'http://evil.example' });
    assert.equal(evilOrigin.status, 403, `evil Origin: ${evilOrigin.body}`);

    const evilHost = await rawPost(rpcUrl, { ...auth, Host: 'evil.example' });
    assert.equal(evilHost.status, 403, `evil Host: ${evilHost.body}`);

    const ok = await rawPost(rpcUrl, { ...auth, Origin: origin });
    assert.equal(ok.status, 200, `good request: ${ok.body}`);
    assert.equal(JSON.parse(ok.body).peerId, status.peerId);

    // The key file unlocked the folder at start: the vault reports ready.
    const vault = await rawPost(`${origin}/rpc/Vault.Status`, { ...auth, Origin: origin });
    assert.equal(vault.status, 200, `Vault.Status: ${vault.body}`);
    assert.equal(JSON.parse(vault.body).state, 'ready', `Vault.Status: ${vault.body}`);

    // The console's token is not a login: the catalog wants a user's session.
    const anonymous = await rawPost(`${origin}/rpc/Catalog.List`, { ...auth, Origin: origin });
    assert.equal(anonymous.status, 401, `Catalog.List without a session: ${anonymous.body}`);
    assert.equal(JSON.parse(anonymous.body).error.code, 'unauthenticated');
  });

  it('logout; a wrong password says how many tries are left; the administrator logs in', async () => {
    await page.getByTestId('logout').click();
    const login = page.getByTestId('login');
    await login.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.evaluate(() => sessionStorage.getItem('hoso.session')), null);
    assert.equal(await textOf(page, 'login-office'), 'UBND xã Đông Sơn (38001)');
    assert.equal(await textOf(page, 'login-notice'), 'Bạn đã đăng xuất.');
    // The user name field has the focus: type straight away, Enter submits.
    await page.keyboard.type(ADMIN.username);
    await page.getByTestId('login-password').fill('sai mật khẩu');
    await page.keyboard.press('Enter');
    await page.getByTestId('login-error').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'login-error'), 'Sai tên đăng nhập hoặc mật khẩu. Còn 4 lần thử.');
    await screenshot(page, 'login.png');

    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-password').press('Enter');
    await expectNavLabels(page, 'vi');
    assert.equal(await textOf(page, 'status-user-name'), ADMIN.fullName);
  });

  it('offices and users: the tree shows the office; the administrator adds a clerk', async () => {
    await openAdminTab('offices');
    await page.getByTestId('office-38001').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'office-38001'), /UBND xã Đông Sơn/);
    // A district office above the commune, then the commune moved under it.
    await page.getByTestId('office-new').click();
    await page.getByTestId('office-code').fill('380');
    await page.getByTestId('office-name').fill('UBND huyện Đông Sơn');
    await page.getByTestId('office-save').click();
    await page.getByTestId('office-380').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('office-edit-38001').click();
    await page.getByTestId('office-parent').selectOption('380');
    await page.getByTestId('office-save').click();
    await page.locator('[data-testid="office-38001"][aria-level="2"]').waitFor({ timeout: 10_000 });
    await page.getByTestId('office-edit-38001').click();
    await screenshot(page, 'offices.png');
    await page.getByTestId('office-cancel').click();

    await openAdminTab('users');
    await page.getByTestId('user-row-admin').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'user-row-admin'), /Quản trị viên/);
    await page.getByTestId('user-new').click();
    await page.getByTestId('user-username').fill('tiepnhan1');
    await page.getByTestId('user-fullname').fill('Trần Văn Tiếp');
    await page.getByTestId('user-password').fill('quầy số một');
    await page.getByTestId('user-confirm').fill('quầy số một');
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-row-tiepnhan1').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'user-row-tiepnhan1'), /Cán bộ tiếp nhận/);
    await screenshot(page, 'users.png');
    const { users } = await rpc('Users.List');
    const clerk = users.find((u) => u.username === 'tiepnhan1');
    assert.deepEqual(clerk?.roles, ['clerk']);
    assert.equal(clerk?.office, OFFICE.code);
  });

  it('catalog: a file with a bad row is refused row by row and changes nothing; fixed, it imports; a procedure saved as a new version', async () => {
    await openAdminTab('catalog');
    const count = page.getByTestId('catalog-count');
    await page.locator('[data-testid="catalog-table"]').waitFor({ timeout: 10_000 });
    const before = Number(await count.getAttribute('data-count'));
    assert.ok(before > 0, 'the shipped catalog is empty');
    assert.equal((await rpc('Catalog.List')).procedures.length, before);

    // Go's own column order: the header of an export.
    const exported = await rpc('Catalog.Export', { format: 'csv' });
    const header = Buffer.from(exported.content, 'base64').toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
    assert.ok(header.includes('time_limit_wd'), `unexpected export header: ${header}`);
    const rows = [
      {
        code: 'L.E2E01',
        name: 'Xác nhận thử nghiệm một',
        sector: 'Thử nghiệm',
        level: 'commune',
        time_limit_wd: '3',
        interagency: 'none',
        documents: 'Tờ khai:original; Giấy tờ tùy thân:copy:1:optional',
        steps: 'Tiếp nhận hồ sơ:clerk:2:Mẫu 01; Thẩm định:officer:12; Ký duyệt:leader:4; Trả kết quả:clerk:2:Mẫu 06',
        confidence: 'unsure',
        active: 'true',
      },
      {
        code: 'L.E2E02',
        name: 'Xác nhận thử nghiệm hai',
        sector: 'Thử nghiệm',
        level: 'commune',
        time_limit_wd: 'abc',
        fee_vnd: '10000',
        interagency: 'none',
        confidence: 'unsure',
        active: 'true',
      },
    ];
    const file = join(tmp, 'danh-muc-thu.csv');
    await writeFile(file, catalogCsv(header, rows));

    await page.getByTestId('catalog-import-input').setInputFiles(file);
    const refused = page.getByTestId('import-errors');
    await refused.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await refused.textContent(), /Không có thủ tục nào được nhập/);
    const problems = page.getByTestId('import-error-row');
    assert.equal(await problems.count(), 1, await refused.textContent());
    assert.equal(await problems.first().getAttribute('data-row'), '3'); // the header is row 1
    assert.equal(await problems.first().getAttribute('data-column'), 'time_limit_wd');
    assert.match(await problems.first().textContent(), /Không phải số nguyên/);
    await screenshot(page, 'import-errors.png');
    // Refused whole: the good row was not imported either.
    assert.equal((await rpc('Catalog.List')).procedures.length, before);
    assert.equal(Number(await count.getAttribute('data-count')), before);

    rows[1].time_limit_wd = '5';
    await writeFile(file, catalogCsv(header, rows));
    await page.getByTestId('catalog-import-input').setInputFiles(file);
    await page.getByTestId('import-result').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(
      await textOf(page, 'import-result'),
      'Đã nhập tệp danh-muc-thu.csv: 2 thủ tục, trong đó 2 thủ tục mới hoặc thay đổi và 0 không đổi.',
    );
    assert.equal(await page.getByTestId('import-errors').count(), 0);
    await page.locator(`[data-testid="catalog-count"][data-count="${before + 2}"]`).waitFor({ timeout: 10_000 });
    assert.equal((await rpc('Catalog.List')).procedures.length, before + 2);

    // Found without accents.
    await page.getByTestId('catalog-search').fill('xac nhan thu nghiem');
    await page.locator('[data-testid="catalog-count"][data-count="2"]').waitFor({ timeout: 10_000 });
    assert.equal(await textOf(page, 'catalog-limit-L.E2E01'), '3 ngày làm việc');
    await page.getByTestId('catalog-search').fill('');
    await page.locator(`[data-testid="catalog-count"][data-count="${before + 2}"]`).waitFor({ timeout: 10_000 });
    await screenshot(page, 'catalog.png');

    // One procedure: a longer time limit is a new version.
    await page.getByTestId('catalog-open-L.E2E01').click();
    await page.getByTestId('procedure-form').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'procedure-version'), 'Phiên bản 1');
    assert.equal(await page.getByTestId('procedure-version-2').count(), 0);
    await page.getByTestId('proc-time-limit').fill('4');
    await page.getByTestId('proc-save').click();
    await page.getByTestId('procedure-saved').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'procedure-saved'), 'Đã lưu: phiên bản 2.');
    await screenshot(page, 'procedure-edit.png');
    await page.getByTestId('procedure-version-2').waitFor({ state: 'visible' });
    assert.match(await textOf(page, 'procedure-version-2'), /hiện hành/);
    assert.match(await textOf(page, 'procedure-version-2'), new RegExp(ADMIN.fullName));
    const stored = await rpc('Catalog.Get', { code: 'L.E2E01' });
    assert.equal(stored.version, 2);
    assert.equal(stored.procedure.timeLimitWD, 4);
    assert.equal(stored.versions.length, 2);

    // Version 1 stays readable.
    await page.getByTestId('procedure-version-1').locator('button').click();
    await page.getByTestId('procedure-past').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'view-time-limit'), '3 ngày làm việc');
    await screenshot(page, 'procedure.png');
    await page.getByTestId('procedure-back').click();
    assert.deepEqual(pageErrors, []);
  });

  it('holidays: a year by month with the weekday, and a due date', async () => {
    await openAdminTab('calendar');
    await page.getByTestId('cal-year').fill('2026');
    await page.getByTestId('cal-year').press('Enter');
    await page.getByTestId('cal-day-2026-01-01').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'cal-day-2026-01-01'), 'Thứ Năm 01/01/2026 Tết Dương lịch Ngày lễ');
    assert.match(await textOf(page, 'cal-day-2026-02-17'), /Tết Nguyên đán/);
    assert.match(await textOf(page, 'cal-month-9'), /02\/09\/2026/);

    // Dates are typed dd/mm/yyyy and times on the 24-hour clock, whatever the browser's language.
    await page.getByTestId('due-received-date').fill('27/11/2026');
    await page.getByTestId('due-received-time').fill('15:30');
    await page.getByTestId('due-working-days').fill('3');
    await page.getByTestId('due-submit').click();
    await page.getByTestId('due-result').waitFor({ state: 'visible', timeout: 10_000 });
    // Received on a Friday after 15:00: counted from Monday 30/11.
    assert.equal(await textOf(page, 'due-reception-day'), '30/11/2026');
    assert.equal(await textOf(page, 'due-at'), '03/12/2026 17:00');
    await screenshot(page, 'calendar.png');
    assert.deepEqual(pageErrors, []);
  });
});
