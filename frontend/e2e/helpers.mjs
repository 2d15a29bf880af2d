// Shared start-up of the e2e tests: run the real node's subcommands, serve
// its web console, drive Debian's Chromium, take screenshots.
//
// Env: HOSO_NODE (required, else the suites skip), CHROMIUM (default
//      /usr/bin/chromium), E2E_OUT (screenshots; default frontend/test-results/).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const HOSO_NODE = process.env.HOSO_NODE ? resolve(process.env.HOSO_NODE) : '';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const OUT = resolve(process.env.E2E_OUT || join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results'));
export const START_TIMEOUT_MS = 20_000;
export const VIEWPORT = { width: 1280, height: 800 };
/** The desk's screen that issue 22's findings were seen on. */
export const DESK_VIEWPORT = { width: 1366, height: 768 };
export const SKIP = HOSO_NODE ? false : 'HOSO_NODE is not set (absolute path to the built hoso-node; `make` sets it)';

const run = promisify(execFile);

/**
 * Runs a node subcommand to completion; returns stdout. The limit only
 * catches a hung command: `demo` for the shared template took over 30 s
 * (the old limit) on a 2-core machine at load 40, and its kill failed
 * every file that waits for that template.
 */
export async function node(...args) {
  const { stdout } = await run(HOSO_NODE, args, { timeout: 120_000 });
  return stdout;
}

/** `status` and `rpc` print JSON; tolerate log lines around it. */
export function parseStatus(stdout) {
  try {
    return JSON.parse(stdout);
  } catch {
    const start = stdout.indexOf('{');
    const end = stdout.lastIndexOf('}');
    assert.ok(start >= 0 && end > start, `status printed no JSON:\n${stdout}`);
    return JSON.parse(stdout.slice(start, end + 1));
  }
}

/**
 * Starts `serve` and resolves with {proc, url, token, newLink} once it prints
 * its one-time login link: url is that link (it admits one page load, within
 * ten minutes), token the console's token read from the file serve names
 * (serve never prints the token itself), newLink() asks `hoso-node login` for
 * another link.
 */
export function serve(dataDir) {
  const proc = spawn(HOSO_NODE, ['serve', '--data', dataDir, '--console', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let tokenFile = '';
  proc.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no "login: URL" line within ${START_TIMEOUT_MS} ms; output:\n${output}`));
    }, START_TIMEOUT_MS);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve exited early (code ${code}, signal ${signal}); output:\n${output}`));
    });
    createInterface({ input: proc.stdout }).on('line', (line) => {
      output += `${line}\n`;
      const file = /^token file:\s*(.+)$/.exec(line);
      if (file) tokenFile = file[1].trim();
      const match = /^login:\s*(http:\/\/127\.0\.0\.1:\d+\/login\/[0-9a-f]+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        assert.ok(tokenFile, `serve named no token file before its login link; output:\n${output}`);
        assert.ok(!/token=/.test(output), `serve printed a token; output:\n${output}`);
        readFile(tokenFile, 'utf8').then(
          (token) =>
            resolvePromise({
              proc,
              url: match[1],
              token: token.trim(),
              // Another one-time link, for another tab (each admits one page load).
              newLink: async () => parseStatus(await node('login', '--data', dataDir)).url,
            }),
          reject,
        );
      }
    });
  });
}

export async function stop(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The features Playwright turns off (playwright-core 1.65's chromiumSwitches),
 * repeated because only the last --disable-features on a command line counts.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Debian's Chromium's flags: headless, quiet. Headless Chromium still
 * makes the address bar's popups (chrome://omnibox-popup.top-chrome and
 * its omnibox_popup_aim.html), web pages in renderers of their own, for
 * every browser context, and keeps them busy while the test loads and
 * types: a context, its page load and a login cost 2.5 core-s of Chromium
 * with them, 1.25 without (Chromium 156; some 30 contexts a run).
 */
export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'PreloadTopChromeWebUI'].join(',')}`,
];

/**
 * Debian's Chromium, headless, quiet. Under the runner (e2e/run.mjs) every
 * file connects to the one Chromium it started (E2E_BROWSER_WS) instead of
 * starting its own: a file's contexts are still its own, and close()
 * closes them and disconnects.
 */
export function launchBrowser() {
  const ws = process.env.E2E_BROWSER_WS;
  if (ws) return chromium.connect(ws);
  return chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
}

/**
 * Saves a screenshot of the whole screen: the shell and the gates scroll
 * inside their own panes, so the window is made tall enough for the
 * scrolled pane first, then put back.
 */
export async function screenshot(page, name) {
  const overflow = await page.evaluate(() =>
    Math.max(0, ...[...document.querySelectorAll('.content, .gate')].map((el) => el.scrollHeight - el.clientHeight)),
  );
  // The page's own viewport (1280×800, or the desk's 1366×768) is kept.
  const size = page.viewportSize() ?? VIEWPORT;
  if (overflow > 0) await page.setViewportSize({ width: size.width, height: Math.min(size.height + overflow, 4000) });
  await page.screenshot({ path: join(OUT, name) });
  if (overflow > 0) await page.setViewportSize(size);
}

/** An element's text, white space collapsed as a reader sees it. */
export async function textOf(page, testId) {
  return ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Calls the node's RPC from the page, as its logged-in user (the console's token and session): {ok, body}. */
export function pageRpc(page, method, params) {
  return page.evaluate(
    async ({ method, params }) => {
      const response = await fetch(`/rpc/${method}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${sessionStorage.getItem('hoso.token')}`,
          'X-Hoso-Session': sessionStorage.getItem('hoso.session') ?? '',
        },
        body: JSON.stringify(params),
      });
      return { ok: response.ok, body: await response.json() };
    },
    { method, params },
  );
}

/** The demo users' password (`hoso-node demo`). */
export const DEMO_PASSWORD = 'matkhau-demo';

/**
 * Initialises a node in a new temporary folder (hoso-e2e-<prefix>-…) and
 * fills it with the demo offices, users and year (extra arguments go to
 * `demo`, e.g. '--dossiers', '40'). Returns {tmp, dataDir}; the caller
 * removes tmp.
 *
 * Under the runner (E2E_TEMPLATES, a folder of the run) the demo for a
 * given set of arguments is made once, by the first file that asks, and
 * every file gets a copy of it: the same data each time, without running
 * init and demo again (a second or three of CPU each on a 2-core machine).
 * The copies share the node's identity, which is harmless for nodes that
 * are never enrolled; a test that syncs makes its own nodes.
 */
export async function demoNode(prefix, ...demoArgs) {
  const tmp = await mkdtemp(join(tmpdir(), `hoso-e2e-${prefix}-`));
  const dataDir = join(tmp, 'node');
  await mkdir(OUT, { recursive: true });
  if (process.env.E2E_TEMPLATES) {
    const template = await demoTemplate(process.env.E2E_TEMPLATES, demoArgs);
    // The copy's datakey.json names the template's key file (the path is
    // part of what it checks); the template outlives every test of the run.
    await cp(join(template, 'node'), dataDir, { recursive: true });
    return { tmp, dataDir };
  }
  await makeDemo(tmp, demoArgs);
  return { tmp, dataDir };
}

/** Runs init and demo into folder/node, the key in folder/node.key. */
async function makeDemo(folder, demoArgs) {
  const dataDir = join(folder, 'node');
  await node('init', '--data', dataDir, '--key-file', join(folder, 'node.key'));
  await node('demo', '--data', dataDir, '--key-file', join(folder, 'node.key'), ...demoArgs);
}

/**
 * The template folder for demoArgs under root, made by whichever test
 * file asks first (mkdir is the lock: it fails for the others, who wait
 * for its "ready" mark).
 */
async function demoTemplate(root, demoArgs) {
  const folder = join(root, demoArgs.join('_').replace(/[^A-Za-z0-9_]/g, '') || 'default');
  const ready = join(folder, 'ready');
  try {
    await mkdir(folder);
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await readFile(ready);
        return folder;
      } catch {
        if (Date.now() > deadline) throw new Error(`no demo template in ${folder} within 60 s (did its maker fail?)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  await makeDemo(folder, demoArgs);
  await writeFile(ready, '');
  return folder;
}

/**
 * Opens a page of the browser at url in a new context of the given
 * viewport, collecting the page's uncaught errors into pageErrors.
 */
export async function openPage(browser, url, viewport, pageErrors) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(url);
  return page;
}

/** Logs in on the login screen as a user and waits for the shell. */
export async function login(page, username, password = DEMO_PASSWORD) {
  await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('logout').waitFor({ state: 'visible', timeout: 10_000 });
}

/** Logs out and waits for the login screen. */
export async function logout(page) {
  await page.getByTestId('logout').click();
  await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
}
