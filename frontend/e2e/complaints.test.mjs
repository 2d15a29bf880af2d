// End-to-end: Báo cáo → "Phản ánh, kiến nghị" (issue 20 item 5). The demo
// commune's clerk receives a complaint about one of its dossiers,
// classifies it, answers it the same day (on time, whatever the hour: the
// answer is due 15 working days on), records the citizen's rating, and the
// list shows it answered on time; the demo's late complaint is marked late.
// The "Thời hạn giải quyết" panel shows the legal times in force (the
// built-in 15 days to answer, with their basis); the administrator changes
// the time to answer to 10 working days (a time of 0 is refused in words),
// and a complaint the clerk receives then is due 10 working days on.
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/complaints.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { DESK_VIEWPORT, SKIP, demoNode, launchBrowser, login, logout, openPage, pageRpc, screenshot, serve, stop, textOf } from './helpers.mjs';

describe('Complaints: received, classified, answered on time and rated', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  const pageErrors = [];

  before(async () => {
    let dataDir;
    ({ tmp, dataDir } = await demoNode('complaints', '--dossiers', '10'));
    server = await serve(dataDir);
    browser = await launchBrowser();
    page = await openPage(browser, server.url, DESK_VIEWPORT, pageErrors);
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('the clerk receives a complaint linked to a dossier, classifies and answers it, and the rating is recorded', async () => {
    await login(page, 'vanthu');
    const found = await pageRpc(page, 'Dossiers.Search', { office: '38001' });
    assert.ok(found.ok, JSON.stringify(found.body));
    const items = found.body.result?.items ?? found.body.items ?? [];
    assert.ok(items.length > 0, 'the demo has dossiers');
    const code = items[0].code;

    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-tab-complaints').click();
    await page.getByTestId('complaints').waitFor({ state: 'visible', timeout: 10_000 });
    // The demo's complaint left unanswered is marked late.
    await page.locator('[data-testid^="complaints-mark-"].late').first().waitFor({ state: 'visible', timeout: 10_000 });

    await page.getByTestId('complaints-receive-open').click();
    await page.getByTestId('complaints-name').fill('Hoàng Thị Nga');
    await page.getByTestId('complaints-contact').fill('0912 345 678');
    await page.getByTestId('complaints-dossier').fill(code);
    await page.getByTestId('complaints-text').fill('Hồ sơ bị yêu cầu bổ sung giấy tờ không có trong danh mục');
    await page.getByTestId('complaints-receive-submit').click();
    await page.getByTestId('complaint-view').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'complaint-dossier'), code);
    assert.equal(await textOf(page, 'complaint-state'), 'Đã tiếp nhận');
    assert.match(await textOf(page, 'complaint-due-answer'), /^\d{2}\/\d{2}\/\d{4}$/);

    await page.getByTestId('complaint-category-select').selectOption('procedure');
    await page.getByTestId('complaint-classify').click();
    await page.locator('[data-testid="complaint-category"]', { hasText: 'Giải quyết thủ tục' }).waitFor({ timeout: 10_000 });

    await page.getByTestId('complaint-answer-text').fill('Bộ phận một cửa đã xin lỗi, hướng dẫn lại và nhận hồ sơ theo đúng danh mục.');
    await page.getByTestId('complaint-answer').click();
    await page.locator('[data-testid="complaint-state"]', { hasText: 'Đã trả lời' }).waitFor({ timeout: 10_000 });
    assert.equal(await textOf(page, 'complaint-ontime-answer'), 'Đúng hạn');

    await page.getByTestId('complaint-rate-yes').click();
    await page.getByTestId('complaint-rating').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await textOf(page, 'complaint-rating'), 'Hài lòng');
    await screenshot(page, 'complaints-answered.png');

    // The list shows it answered on time.
    await page.getByTestId('complaints-back').click();
    const row = page.locator('[data-testid^="complaints-row-"]').filter({ hasText: 'Hoàng Thị Nga' });
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await row.locator('[data-testid^="complaints-state-"]').innerText(), /Đã trả lời/);
    assert.equal((await row.locator('[data-testid^="complaints-mark-"]').innerText()).trim(), 'Đúng hạn');
    await screenshot(page, 'complaints-list.png');
    // The legal times in force are shown with their basis; a clerk does
    // not change them.
    assert.equal(await textOf(page, 'complaint-limit-answer'), '15 ngày làm việc');
    assert.equal(await textOf(page, 'complaint-limit-refuse'), '2 ngày làm việc');
    assert.match(await textOf(page, 'complaint-limits-basis'), /Nghị định 20\/2008/);
    assert.equal(await page.getByTestId('complaint-limits-edit').count(), 0);
    assert.deepEqual(pageErrors, []);
  });

  it('the administrator changes the time to answer, and a complaint received after is due 10 working days on', async () => {
    await logout(page);
    await login(page, 'demo');
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-tab-complaints').click();
    await page.getByTestId('complaint-limit-answer').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('complaint-limits-edit').click();
    await page.getByTestId('complaint-limits-input-answer').fill('0');
    await page.getByTestId('complaint-limits-basis-input').fill('Quyết định số 12/2026/QĐ-UBND của UBND xã');
    await page.getByTestId('complaint-limits-save').click();
    await page.locator('[data-testid="complaint-limits-save-error"]', { hasText: 'Mỗi thời hạn phải từ 1 đến 365 ngày làm việc.' }).waitFor({ timeout: 10_000 });
    await page.getByTestId('complaint-limits-input-answer').fill('10');
    await page.getByTestId('complaint-limits-save').click();
    await page.locator('[data-testid="complaint-limit-answer"]', { hasText: '10 ngày làm việc' }).waitFor({ timeout: 10_000 });
    assert.equal(await textOf(page, 'complaint-limits-basis'), 'Quyết định số 12/2026/QĐ-UBND của UBND xã');
    assert.match(await textOf(page, 'complaint-limits-version'), /^Phiên bản 1 do /);
    await screenshot(page, 'complaints-limits.png');

    await logout(page);
    await login(page, 'vanthu');
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('reports-tab-complaints').click();
    await page.getByTestId('complaints-receive-open').click();
    await page.getByTestId('complaints-name').fill('Đinh Văn Quang');
    await page.getByTestId('complaints-text').fill('Chưa được trả lời về lệ phí chứng thực');
    await page.getByTestId('complaints-receive-submit').click();
    await page.getByTestId('complaint-view').waitFor({ state: 'visible', timeout: 10_000 });
    // Its due day is the calendar's 10 working days from its reception,
    // whatever the hour it was received at.
    const list = await pageRpc(page, 'Complaints.List', { office: '', state: '', late: false });
    assert.ok(list.ok, JSON.stringify(list.body));
    const mine = (list.body.result ?? list.body).complaints.find((c) => c.from === 'Đinh Văn Quang');
    assert.ok(mine, 'the new complaint is listed');
    const due = await pageRpc(page, 'Calendar.DueDate', { received: mine.received, workingDays: 10 });
    assert.ok(due.ok, JSON.stringify(due.body));
    const [y, m, d] = (due.body.result ?? due.body).due.slice(0, 10).split('-');
    assert.equal(await textOf(page, 'complaint-due-answer'), `${d}/${m}/${y}`);
    assert.deepEqual(pageErrors, []);
  });
});
