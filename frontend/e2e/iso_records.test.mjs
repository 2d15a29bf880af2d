// End-to-end: ISO → "Danh mục hồ sơ". A leader reads the register with the
// law's certification retentions and the lines marked to verify, changes a
// retention and saves it; the register stays the office's after a reload;
// it prints with the print QR; a clerk reads it with nothing to edit and
// no disposal list.
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/iso_records.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { DESK_VIEWPORT, SKIP, demoNode, launchBrowser, login, logout, openPage, screenshot, serve, stop, textOf } from './helpers.mjs';

describe('ISO: the register of records', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  const pageErrors = [];

  before(async () => {
    let dataDir;
    ({ tmp, dataDir } = await demoNode('isorecords', '--dossiers', '20'));
    server = await serve(dataDir);
    browser = await launchBrowser();
    page = await openPage(browser, server.url, DESK_VIEWPORT, pageErrors);
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function openRecords() {
    await page.getByTestId('nav-iso').click();
    await page.getByTestId('iso-tab-records').click();
    await page.getByTestId('iso-records-table').waitFor({ state: 'visible', timeout: 10_000 });
  }

  it('a leader changes a retention and the office keeps its register', async () => {
    await login(page, 'lanhdao');
    await openRecords();
    assert.match(await textOf(page, 'iso-records-line-so-chung-thuc'), /Nghị định 23\/2015/);
    assert.equal(await page.getByTestId('iso-records-years-chung-thuc-hop-dong').inputValue(), '20');
    assert.equal(await textOf(page, 'iso-records-unsure-tthc-khac'), 'Cần xác minh');
    assert.match(await textOf(page, 'iso-records-source'), /mặc định/);
    // The default register is not the office's yet: nothing to print.
    assert.equal(await page.getByTestId('iso-records-print').count(), 0);
    await page.getByTestId('iso-records-print-hint').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('iso-records-years-tthc-khac').fill('10');
    await page.getByTestId('iso-records-save').click();
    await page.getByTestId('iso-records-saved').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('iso-disposal').waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'iso-records-leader.png');
    await page.reload();
    await openRecords();
    assert.equal(await page.getByTestId('iso-records-years-tthc-khac').inputValue(), '10');
    assert.match(await textOf(page, 'iso-records-source'), /phiên bản 1/);
    // The office's register prints with the print QR.
    await page.getByTestId('iso-records-print').click();
    await page.getByTestId('print-preview').waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('[data-testid="print-preview"] canvas').first().waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'iso-records-print.png');
    await page.keyboard.press('Escape');
    await page.getByTestId('print-preview').waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('a clerk reads the register with nothing to edit', async () => {
    await logout(page);
    await login(page, 'vanthu');
    await openRecords();
    assert.match(await textOf(page, 'iso-records-line-tthc-khac'), /10 năm/);
    assert.equal(await page.getByTestId('iso-records-years-tthc-khac').count(), 0);
    assert.equal(await page.getByTestId('iso-disposal').count(), 0);
    assert.deepEqual(pageErrors, []);
  });
});
