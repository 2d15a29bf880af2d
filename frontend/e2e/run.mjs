// The e2e runner (`npm run e2e`): node --test over the suites, two files at
// a time, with what every file would otherwise make for itself made once
// for the run and removed after it:
// - one Chromium: each file connects to it (E2E_BROWSER_WS) and opens its
//   own contexts, instead of starting a browser of its own;
// - a folder of demo data (E2E_TEMPLATES): helpers.demoNode makes each
//   distinct demo once and gives every file a copy.
// Arguments are passed to node --test (default: the e2e folder). A single
// file still runs on its own: HOSO_NODE=… node --test e2e/<file>.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { BROWSER_ARGS, CHROMIUM, HOSO_NODE } from './helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const env = { ...process.env };
let browser;
let templates;
// Without HOSO_NODE every suite skips itself: nothing to share.
if (HOSO_NODE) {
  browser = await chromium.launchServer({ executablePath: CHROMIUM, args: BROWSER_ARGS });
  templates = await mkdtemp(join(tmpdir(), 'hoso-e2e-templates-'));
  env.E2E_BROWSER_WS = browser.wsEndpoint();
  env.E2E_TEMPLATES = templates;
}
const child = spawn(process.execPath, ['--test', '--test-concurrency=2', ...(args.length ? args : [here])], {
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await browser?.close();
if (templates) await rm(templates, { recursive: true, force: true });
process.exit(code);
