// End-to-end: the real Go node serves the built frontend as its web console;
// Debian's Chromium (driven by playwright-core, no browser download) checks
// what a clerk would see, then plain Node requests check the RPC's guards.
//
//   HOSO_NODE=/abs/path/bin/hoso-node npm run e2e
//
// Env: HOSO_NODE (required, else skipped), CHROMIUM (default /usr/bin/chromium),
//      E2E_OUT (screenshots; default frontend/test-results/).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const HOSO_NODE = process.env.HOSO_NODE ? resolve(process.env.HOSO_NODE) : '';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUT = resolve(process.env.E2E_OUT || join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results'));
const START_TIMEOUT_MS = 20_000;

const NAV = ['reception', 'dossiers', 'reports', 'iso', 'sync', 'admin'];
const LABELS = {
  vi: ['Tiếp nhận', 'Hồ sơ', 'Báo cáo', 'ISO', 'Đồng bộ', 'Quản trị'],
  en: ['Reception', 'Dossiers', 'Reports', 'ISO', 'Sync', 'Administration'],
};

const run = promisify(execFile);

/** Runs a node subcommand to completion; returns stdout. */
async function node(...args) {
  const { stdout } = await run(HOSO_NODE, args, { timeout: 30_000 });
  return stdout;
}

/** `status` prints JSON; tolerate log lines around it. */
function parseStatus(stdout) {
  try {
    return JSON.parse(stdout);
  } catch {
    const start = stdout.indexOf('{');
    const end = stdout.lastIndexOf('}');
    assert.ok(start >= 0 && end > start, `status printed no JSON:\n${stdout}`);
    return JSON.parse(stdout.slice(start, end + 1));
  }
}

/** Starts `serve` and resolves with {proc, url} once it prints its console URL. */
function serve(dataDir) {
  const proc = spawn(HOSO_NODE, ['serve', '--data', dataDir, '--console', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no "console: URL" line within ${START_TIMEOUT_MS} ms; output:\n${output}`));
    }, START_TIMEOUT_MS);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve exited early (code ${code}, signal ${signal}); output:\n${output}`));
    });
    createInterface({ input: proc.stdout }).on('line', (line) => {
      output += `${line}\n`;
      const match = /console:\s*(http:\/\/127\.0\.0\.1:\d+\/\?token=[^\s]+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ proc, url: match[1] });
      }
    });
  });
}

async function stop(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

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
  assert.ok(await page.getByTestId('nav-reception').isVisible(), 'nav not visible');
  for (const id of ['vault-setup', 'vault-unlock', 'vault-recovery', 'vault-failed']) {
    assert.equal(await page.getByTestId(id).count(), 0, `vault gate screen "${id}" shown in the console`);
  }
}

async function textOf(page, testId) {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}

describe('web console against the real node', {
  skip: HOSO_NODE ? false : 'HOSO_NODE is not set (absolute path to the built hoso-node; `make` sets it)',
}, () => {
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
    token = parsed.searchParams.get('token');

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('shows the Vietnamese shell with the node version', async () => {
    await page.goto(consoleUrl);
    await expectNavLabels(page, 'vi');
    assert.ok(!page.url().includes('token='), `token left in the address bar: ${page.url()}`);
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
    assert.ok(await page.getByTestId('status-bar').isVisible());
    assert.equal(await page.getByTestId('error-banner').count(), 0, 'unexpected error banner');
  });

  it('Quản trị shows the peer ID that `status` printed (System.Info over RPC)', async () => {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('info-peer-id').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'info-peer-id'), status.peerId);
    assert.notEqual(await textOf(page, 'info-data-dir'), '');
    await page.screenshot({ path: join(OUT, 'console-vi.png'), fullPage: true });
  });

  it('switches to English and remembers it across a reload', async () => {
    // The choice is also sent to the node over the RPC.
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/rpc/System.SetLanguage'), { timeout: 10_000 }),
      page.getByTestId('lang-switch').selectOption('en'),
    ]);
    assert.equal(reply.status(), 200, `System.SetLanguage: ${await reply.text()}`);
    await expectNavLabels(page, 'en');
    assert.equal(await page.getByTestId('error-banner').count(), 0, 'unexpected error banner');
    await page.screenshot({ path: join(OUT, 'console-en.png'), fullPage: true });

    await page.reload();
    await expectNavLabels(page, 'en');
    await expectNoVaultGate(page);
    assert.equal(await page.getByTestId('lang-switch').inputValue(), 'en');
    // After reload the token comes from sessionStorage: System.Info still works.
    await page.getByTestId('info-peer-id').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'info-peer-id'), status.peerId);
    assert.deepEqual(pageErrors, []);
  });

  it('guards the RPC: token, Origin and Host are checked', async () => {
    const rpc = `${origin}/rpc/System.Info`;
    const json = { 'Content-Type': 'application/json' };
    const auth = { ...json, Authorization: `Bearer ${token}` };

    const noToken = await rawPost(rpc, json);
    assert.equal(noToken.status, 401, `no token: ${noToken.body}`);

    const evilOrigin = await rawPost(rpc, { ...auth, Origin: 'http://evil.example' });
    assert.equal(evilOrigin.status, 403, `evil Origin: ${evilOrigin.body}`);

    const evilHost = await rawPost(rpc, { ...auth, Host: 'evil.example' });
    assert.equal(evilHost.status, 403, `evil Host: ${evilHost.body}`);

    const ok = await rawPost(rpc, { ...auth, Origin: origin });
    assert.equal(ok.status, 200, `good request: ${ok.body}`);
    assert.equal(JSON.parse(ok.body).peerId, status.peerId);

    // The key file unlocked the folder at start: the vault reports ready.
    const vault = await rawPost(`${origin}/rpc/Vault.Status`, { ...auth, Origin: origin });
    assert.equal(vault.status, 200, `Vault.Status: ${vault.body}`);
    assert.equal(JSON.parse(vault.body).state, 'ready', `Vault.Status: ${vault.body}`);
  });
});
