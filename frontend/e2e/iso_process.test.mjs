// End-to-end: the documented processes (ISO part A) against the real node,
// filled by `hoso-node demo` — processes in force for the most used
// procedures and, for the most used one, revision 2 drafted after a
// catalog change and waiting for approval. The leader opens ISO →
// Processes, opens the process with the pending draft and approves it
// from today: revision 2 is in force, revision 1 is superseded, the list
// shows it, and the controlled copy opens in the print preview.
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/iso_process.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { SKIP, VIEWPORT, demoNode, launchBrowser, login, openPage, pageRpc, screenshot, serve, stop, textOf } from './helpers.mjs';

describe('ISO processes on screen', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  /** The procedure whose process has a pending draft. */
  let proc = '';
  const pageErrors = [];

  before(async () => {
    let dataDir;
    ({ tmp, dataDir } = await demoNode('iso-process', '--dossiers', '40'));
    server = await serve(dataDir);
    browser = await launchBrowser();
    page = await openPage(browser, server.url, VIEWPORT, pageErrors);
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('the leader sees the processes, one with a draft waiting', async () => {
    await login(page, 'lanhdao');
    await page.getByTestId('nav-iso').click();
    await page.getByTestId('iso-processes-table').waitFor({ state: 'visible', timeout: 10_000 });
    const pending = page.locator('[data-testid^="iso-process-pending-"]');
    assert.equal(await pending.count(), 1, 'the demo leaves one draft waiting');
    proc = (await pending.first().getAttribute('data-testid')).replace('iso-process-pending-', '');
    assert.equal(await textOf(page, `iso-process-state-${proc}`), 'Đang hiệu lực');
    assert.ok(await page.locator('[data-testid^="iso-process-inforce-"]').count() >= 4, 'processes in force for the most used procedures');
    await screenshot(page, 'iso-process-list.png');
  });

  it('the leader approves revision 2; revision 1 is superseded', async () => {
    await page.getByTestId(`iso-process-open-${proc}`).click();
    await page.getByTestId('iso-process-detail').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'iso-revision-state-2'), 'Dự thảo');
    assert.equal(await textOf(page, 'iso-revision-state-1'), 'Đang hiệu lực');
    await page.getByTestId('iso-approve').click();
    await page.getByTestId('iso-process-approved').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'iso-revision-state-2'), 'Đang hiệu lực');
    assert.equal(await textOf(page, 'iso-revision-state-1'), 'Hết hiệu lực');
    const res = await pageRpc(page, 'Iso.Process', { office: '', procedure: proc });
    assert.ok(res.ok, JSON.stringify(res.body));
    assert.equal(res.body.result?.inForce ?? res.body.inForce, 2);
    await screenshot(page, 'iso-process-approved.png');
  });

  it('the list shows revision 2 in force and one superseded', async () => {
    await page.getByTestId('iso-process-back').click();
    await page.getByTestId(`iso-process-row-${proc}`).waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, `iso-process-inforce-${proc}`), /2/);
    await page.getByTestId(`iso-process-superseded-${proc}`).waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.getByTestId(`iso-process-pending-${proc}`).count(), 0);
  });

  it('the superseded revision prints as a controlled copy', async () => {
    await page.getByTestId(`iso-process-open-${proc}`).click();
    await page.getByTestId('iso-print-1').click();
    await page.getByTestId('print-preview').waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('[data-testid="print-preview"] canvas').first().waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'iso-process-print.png');
    assert.deepEqual(pageErrors, []);
  });
});
