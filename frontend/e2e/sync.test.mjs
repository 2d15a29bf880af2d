// End-to-end: Đồng bộ against the real node, filled with the demo offices
// and users (`hoso-node demo`), beside a province root made with
// `init --root` (never served: it only issues enrolment texts with the CLI).
// The administrator opens the screen: "not enrolled", this node's peer ID as
// Sync.Status answers it, the wizard open. A text issued for another device
// is refused beside the field; the root's text for this one is accepted and
// the header shows the path and role. "Đồng bộ ngay" answers. A daily
// budget of 5 MB is set and the node records it. As a commune,
// it enrols a desk: the text and its QR code; then revokes it. A USB bundle
// of everything is downloaded (an .hsb file) and imported back: nothing in
// it is new ("0 mới"); a file that is not a bundle is refused whole.
// Skipped while the node has no Sync.Status (unknown_method).
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/sync.test.mjs
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  OUT,
  SKIP,
  VIEWPORT,
  launchBrowser,
  node,
  parseStatus,
  screenshot,
  serve,
  stop,
  textOf,
  pageRpc,
} from './helpers.mjs';

const PASSWORD = 'matkhau-demo';
const ADMIN = 'demo';

describe('Đồng bộ on screen', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  /** Sync.Status as the node answered it; null when it cannot be tested. */
  let status = null;
  /** Why the screen cannot be tested on this node, or "". */
  let missing = '';
  let bundlePath = '';
  /** The province root's data folder and peer ID. */
  let rootDir = '';
  let rootPeer = '';
  /** A desk computer's peer ID (a node only initialised), for the commune to enrol. */
  let deskPeer = '';
  const pageErrors = [];

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'hoso-e2e-sync-'));
    const dataDir = join(tmp, 'node');
    await mkdir(OUT, { recursive: true });
    await node('init', '--data', dataDir, '--key-file', join(tmp, 'node.key'));
    await node('demo', '--data', dataDir, '--key-file', join(tmp, 'node.key'));
    rootDir = join(tmp, 'root');
    await node('init', '--data', rootDir, '--key-file', join(tmp, 'root.key'), '--root', '--office-code', '38', '--office-name', 'UBND tỉnh Thanh Hóa');
    rootPeer = parseStatus(await node('status', '--data', rootDir, '--key-file', join(tmp, 'root.key'))).peerId;
    assert.ok(rootPeer, 'the root printed no peer ID');
    const deskDir = join(tmp, 'desk');
    await node('init', '--data', deskDir, '--key-file', join(tmp, 'desk.key'));
    deskPeer = parseStatus(await node('status', '--data', deskDir, '--key-file', join(tmp, 'desk.key'))).peerId;
    assert.ok(deskPeer && deskPeer !== rootPeer, 'the desk printed no peer ID of its own');
    server = await serve(dataDir);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
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

  /** The root's enrolment text for a device (the CLI writes it to a file). */
  async function issued(peer, office, role) {
    const file = join(tmp, `enrol-${peer.slice(-6)}.txt`);
    await node('enrol', 'issue', '--data', rootDir, '--key-file', join(tmp, 'root.key'), '--peer', peer, '--office', office, '--role', role, '--out', file);
    return (await readFile(file, 'utf8')).trim();
  }

  it('the administrator logs in; the node answers Sync.Status', async () => {
    await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('login-username').fill(ADMIN);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('nav-sync').waitFor({ state: 'visible', timeout: 10_000 });
    const reply = await rawRpc('Sync.Status', {});
    const code = reply.body?.error?.code ?? reply.body?.code;
    if (!reply.ok && code === 'unknown_method') missing = 'this node has no Sync.Status yet (unknown_method)';
    else if (!reply.ok && code === 'not_ready') missing = 'this node runs no sync engine under `serve` (Sync.Status: not_ready)';
    else {
      assert.ok(reply.ok, `Sync.Status: ${JSON.stringify(reply.body)}`);
      status = reply.body?.result ?? reply.body;
      assert.ok(status.peerId, `Sync.Status has no peerId: ${JSON.stringify(reply.body)}`);
    }
  });

  it('Đồng bộ: not enrolled yet, the peer ID, the wizard open', async (t) => {
    if (missing) return t.skip(missing);
    assert.equal(status.enrolled, false, 'a new demo node should not be enrolled');
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-status').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'sync-peer-id'), status.peerId);
    assert.equal(await textOf(page, 'sync-not-enrolled'), 'Chưa được cấp chứng nhận');
    assert.equal(await page.getByTestId('sync-enrolled').count(), 0);
    // The wizard is open and shows the same peer ID to give the parent.
    await page.getByTestId('enrol-own-peer').waitFor({ timeout: 5_000 });
    assert.equal(await textOf(page, 'enrol-own-peer'), status.peerId);
    await screenshot(page, 'sync-not-enrolled.png');
  });

  it('a text for another device is refused beside the field; the right one enrols this node', async (t) => {
    if (missing) return t.skip(missing);
    await page.getByTestId('enrol-accept-text').fill(await issued(rootPeer, '38001', 'commune'));
    await page.getByTestId('enrol-accept').click();
    await page.getByTestId('enrol-accept-text-error').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'enrol-accept-text-error'), /^Không nhận được chứng nhận\. Chứng nhận này cấp cho một máy khác/);
    assert.equal(await page.getByTestId('enrol-accept-text').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByTestId('sync-enrolled').count(), 0);

    await page.getByTestId('enrol-accept-text').fill(await issued(status.peerId, '38001', 'commune'));
    await page.getByTestId('enrol-accept').click();
    await page.getByTestId('enrol-accept-done').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'enrol-accept-done'), /^Đã nhận chứng nhận: 38\/38001, hết hạn \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\.$/);
    await page.getByTestId('sync-enrolled').waitFor({ timeout: 5_000 });
    assert.equal(await textOf(page, 'sync-path'), '38/38001');
    assert.equal(await textOf(page, 'sync-role'), 'Cấp xã');
    assert.match(await textOf(page, 'sync-office'), /38001/);
    assert.equal(await page.getByTestId('enrol-accept-text-error').count(), 0);
  });

  it('Đồng bộ ngay answers (no peers yet)', async (t) => {
    if (missing) return t.skip(missing);
    const running = (await rawRpc('Sync.Status', {})).body?.running;
    if (!running) return t.skip('Sync.Status says no engine runs under serve once enrolled');
    await page.getByTestId('sync-now').click();
    const clicked = Date.now();
    await page.locator('[data-testid="sync-now-done"], [data-testid="sync-now-error"]').first().waitFor({ timeout: 5_000 });
    assert.ok(Date.now() - clicked < 2_000, `Đồng bộ ngay answered after ${Date.now() - clicked} ms with no peer to reach`);
    // The message is read only when the error shows: textContent() of an
    // absent element waits Playwright's 30 s before giving up, which is
    // the "30 s" issue 21 saw here (the node answered in milliseconds).
    if (await page.getByTestId('sync-now-error').count()) assert.fail(await textOf(page, 'sync-now-error'));
    // No peer to sync with yet: it says so, or names the hubs it tried and
    // why each failed, in words (never a code or Go's text).
    const said = await textOf(page, 'sync-now-done');
    assert.match(said, /^(Chưa có máy nào để đồng bộ: |Không đồng bộ được với máy nào trong \d+ máy đã thử)/, said);
    if (await page.getByTestId('sync-now-failed').count()) {
      assert.doesNotMatch(await textOf(page, 'sync-now-failed'), /dial_|no_address|timeout|error|failed/);
    }
  });

  it('the administrator sets a daily budget of 5 MB; the node records it', async (t) => {
    if (missing) return t.skip(missing);
    await page.getByTestId('sync-tab-peers').click();
    await page.getByTestId('sync-budget-mb').fill('5');
    await page.getByTestId('sync-budget-save').click();
    await page.getByTestId('sync-budget-done').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'sync-budget-current'), '5 MB');
    assert.equal((await rawRpc('Sync.Status', {})).body?.dailyBudget, 5_000_000);
  });

  it('as a commune it enrols a desk: the text to copy and its QR code; then revokes it', async (t) => {
    if (missing) return t.skip(missing);
    await page.getByTestId('sync-tab-enrol').click();
    await page.getByTestId('enrol-issue-panel').waitFor({ state: 'visible', timeout: 5_000 });
    await page.getByTestId('enrol-issue-peer').fill(deskPeer);
    await page.getByTestId('enrol-issue-office').fill('38001');
    await page.getByTestId('enrol-issue-role').selectOption('desk');
    await page.getByTestId('enrol-issue-days').fill('30');
    await page.getByTestId('enrol-issue').click();
    await page.getByTestId('enrol-text').waitFor({ state: 'visible', timeout: 10_000 });
    const text = await page.getByTestId('enrol-text').inputValue();
    assert.match(text, /^HSENROL1\./);
    const qr = page.getByTestId('enrol-qr');
    await qr.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml;charset=utf-8,/);
    assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR image did not load');
    await screenshot(page, 'sync-enrol-issue.png');

    await page.getByTestId('enrol-revoke-peer').fill(deskPeer);
    await page.getByTestId('enrol-revoke').click();
    await page.getByTestId('enrol-revoke-confirm').click();
    await page.getByTestId('enrol-revoke-done').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'enrol-revoke-done'), `Đã thu hồi chứng nhận của ${deskPeer}.`);
  });

  it('a bundle of everything is downloaded, and importing it back adds nothing', async (t) => {
    if (missing) return t.skip(missing);
    await page.getByTestId('sync-tab-bundles').click();
    await page.getByTestId('bundle-export').waitFor({ state: 'visible', timeout: 5_000 });
    assert.equal(await page.getByTestId('bundle-peer').inputValue(), '');

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('bundle-export').click(),
    ]);
    const name = download.suggestedFilename();
    assert.match(name, /^hoso-\d{8}-\d{4}\.hsb$/);
    bundlePath = join(tmp, name);
    await download.saveAs(bundlePath);
    const size = (await stat(bundlePath)).size;
    assert.ok(size > 0, 'the bundle is empty');
    const note = await page.getByTestId('bundle-export-note').textContent({ timeout: 10_000 });
    const events = Number(/: (\d+) sự kiện/.exec(note ?? '')?.[1] ?? NaN);
    assert.match(note ?? '', new RegExp(`^Đã lưu ${name.replace(/\./g, '\\.')}: \\d+ sự kiện, `));
    assert.ok(events > 0, `the demo data gave an empty bundle: ${note}`);

    await page.getByTestId('bundle-import').setInputFiles(bundlePath);
    await page.locator('[data-testid="bundle-import-result"], [data-testid="bundle-import-error"]').first().waitFor({ timeout: 30_000 });
    if (await page.getByTestId('bundle-import-error').count()) assert.fail(await textOf(page, 'bundle-import-error'));
    const result = await textOf(page, 'bundle-import-result');
    assert.match(result, new RegExp(`^Đã nhập ${name.replace(/\./g, '\\.')}: \\d+ sự kiện, 0 mới\\.$`), result);
    assert.equal(await page.getByTestId('bundle-import-error').count(), 0);
    await screenshot(page, 'sync-bundles.png');
  });

  it('a file that is not a bundle is refused whole, and the screen says so', async (t) => {
    if (missing) return t.skip(missing);
    const junk = join(tmp, 'hong.hsb');
    await writeFile(junk, 'not a bundle at all');
    await page.getByTestId('bundle-import').setInputFiles(junk);
    await page.getByTestId('bundle-import-error').waitFor({ state: 'visible', timeout: 15_000 });
    const text = await textOf(page, 'bundle-import-error');
    assert.match(text, /^Tệp đồng bộ bị từ chối, không nhập gì: /, text);
    assert.equal(await page.getByTestId('bundle-import-result').count(), 0);
  });

  it('no error was thrown in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
