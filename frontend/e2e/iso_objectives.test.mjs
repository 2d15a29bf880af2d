// End-to-end: ISO part C against the real node, filled with the demo
// offices, users, a year of dossiers and the year's quality objectives and
// management review (`hoso-node demo --dossiers 120`). The leader opens
// ISO → Quality objectives: the four demo objectives show a target, a
// value and a status, and the on-time objective's value is the one
// Reports.II06a gives for the calendar year; its dossiers are listed.
// Then the management review shows the inputs compiled from the records;
// the leader records a review with an action and prints its minutes.
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/iso_objectives.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { SKIP, VIEWPORT, demoNode, launchBrowser, login, openPage, pageRpc, screenshot, serve, stop, textOf } from './helpers.mjs';

const STATUSES = ['Đạt', 'Có nguy cơ không đạt', 'Không đạt', 'Chưa có số liệu'];
const IDS = ['dung-han', 'hai-long', 'bo-sung', 'dao-tao'];

describe('ISO objectives and management review on screen', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  const pageErrors = [];

  before(async () => {
    const made = await demoNode('iso-objectives', '--dossiers', '120');
    tmp = made.tmp;
    server = await serve(made.dataDir);
    browser = await launchBrowser();
    page = await openPage(browser, server.url, VIEWPORT, pageErrors);
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('the objectives show values and statuses that match the reports, and drill down to dossiers', async () => {
    await login(page, 'lanhdao');
    await page.getByTestId('nav-iso').click();
    await page.getByTestId('iso-tab-objectives').click();
    await page.getByTestId('iso-objectives-table').waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await textOf(page, 'iso-policy-current'), /ISO 9001:2015/);
    for (const id of IDS) {
      await page.getByTestId(`objective-row-${id}`).waitFor({ state: 'visible' });
      assert.ok(STATUSES.includes(await textOf(page, `objective-status-${id}`)), id);
      assert.match(await textOf(page, `objective-target-${id}`), /^[≥≤] \d/);
    }
    assert.equal(await textOf(page, 'objective-target-dung-han'), '≥ 98%');
    // The manual objective has the quarters' training values entered by the demo.
    assert.match(await textOf(page, 'objective-value-dao-tao'), /^(\d+%|—)$/);

    // The on-time value is II.06a's (8 + 9) / 7 for the calendar year.
    const year = await page.getByTestId('iso-objectives-year').inputValue();
    const ii = await pageRpc(page, 'Reports.II06a', { period: year, window: 'calendar' });
    assert.ok(ii.ok, JSON.stringify(ii.body));
    const total = ii.body.total;
    const num = total['8'] + total['9'];
    const den = total['7'];
    const shown = await textOf(page, 'objective-value-dung-han');
    if (den > 0) {
      const pct = Math.round((1000 * num) / den) / 10;
      const text = (Number.isInteger(pct) ? String(pct) : pct.toFixed(1)).replace('.', ',');
      assert.equal(shown, `${text}% (${num}/${den})`);
    } else {
      assert.equal(shown, '—');
    }
    await screenshot(page, 'iso-objectives.png');

    await page.getByTestId('objective-drill-dung-han').click();
    await page.getByTestId('objective-drill-count').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await textOf(page, 'objective-drill-count'), `${den} hồ sơ`);
    assert.deepEqual(pageErrors, []);
  });

  it('the management review shows the compiled inputs; the leader records a review and prints it', async () => {
    await page.getByTestId('iso-tab-review').click();
    await page.getByTestId('review-inputs').waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await textOf(page, 'review-inputs-nc'), /^Sự không phù hợp: \d+ đang mở/);
    assert.match(await textOf(page, 'review-inputs-actions'), /^Hành động khắc phục: \d+ đang thực hiện/);
    assert.match(await textOf(page, 'review-inputs-satisfaction'), /lượt đánh giá|Chưa có lượt/);
    await page.getByTestId('review-inputs-objectives').waitFor({ state: 'visible' });
    assert.equal(await page.locator('[data-testid^="review-objective-"]').count(), 4);
    await page.getByTestId('review-inputs-ontime').waitFor({ state: 'visible' });
    // The demo's review is listed.
    assert.equal(await page.locator('[data-testid^="review-item-"]').count(), 1);
    await screenshot(page, 'iso-review-inputs.png');

    await page.getByTestId('iso-review-record').click();
    await page.getByTestId('review-form').waitFor({ state: 'visible' });
    await page.getByTestId('review-form-attendees').fill('Lê Thị Lan\nNguyễn Thị Hồng');
    await page.getByTestId('review-form-decisions').fill('Tăng cường nhắc hạn hồ sơ sắp đến hạn');
    await page.getByTestId('review-action-add').click();
    await page.getByTestId('review-action-title-0').fill('Rà soát hồ sơ trễ hạn');
    await page.getByTestId('review-action-owner-0').fill('chuyenvien');
    const due = new Date(Date.now() + 30 * 86400_000 + 7 * 3600_000).toISOString().slice(0, 10);
    await page.getByTestId('review-action-due-0').fill(due);
    await page.getByTestId('review-form-save').click();
    await page.getByTestId('iso-review-saved').waitFor({ state: 'visible', timeout: 15_000 });
    const id = /rv-\d{8}(-\d+)?/.exec(await textOf(page, 'iso-review-saved'))?.[0];
    assert.ok(id, 'no review ID');
    await page.getByTestId(`review-item-${id}`).waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, `review-item-${id}`), /Trần Văn Minh/);

    await page.getByTestId(`review-print-${id}`).click();
    await page.getByTestId('print-preview').waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByTestId('print-page').first().waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'iso-review-minutes.png');
    await page.getByTestId('print-close').click();

    const printed = await pageRpc(page, 'Iso.PrintReview', { office: '', id });
    assert.ok(printed.ok);
    const verified = await pageRpc(page, 'Records.Verify', { text: printed.body.verify });
    assert.equal(verified.body.status, 'match');
    assert.deepEqual(pageErrors, []);
  });
});
