// End-to-end: each role's working day (issue 22 items 1 and 9) against the
// real node with the demo office, at the 1366×768 desk screen. Each demo
// user logs in and lands on their start page (screenshots start-<role>.png):
// the officer and the leader on "Việc chờ tôi xử lý" listing what
// Dossiers.Queue lists, the clerk on Tiếp nhận with "Kết quả cần trả hôm
// nay" in view, the inspector on Báo cáo with the print check and no
// Tiếp nhận, the administrator with the ISO section's tabs. The person lists
// offer only the needed role; the national status badge says it is a
// status; a refused enrolment text is explained in Vietnamese.
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/workday.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DESK_VIEWPORT, OUT, SKIP, demoNode, launchBrowser, node, pageRpc, serve, stop, textOf } from './helpers.mjs';

const PASSWORD = 'matkhau-demo';

describe("each role's working day at 1366×768", { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let context;
  let page;
  const pageErrors = [];

  before(async () => {
    let dataDir;
    ({ tmp, dataDir } = await demoNode('workday', '--dossiers', '120'));
    server = await serve(dataDir);
    // The demo's year is mostly done: today's work is received here, as the
    // node's operator (who acts for the office in every role). Two dossiers
    // go to the unit (the officer takes, the leader assigns), one stays at
    // the desk to hand over, one is walked to its result at the desk.
    const rpc = async (method, params) => JSON.parse(await node('rpc', '--data', dataDir, method, JSON.stringify(params)));
    const codes = [];
    for (const name of ['Nguyễn Văn Một', 'Trần Thị Hai', 'Lê Văn Ba', 'Phạm Thị Bốn']) {
      const r = await rpc('Dossiers.Receive', {
        procedure: '1.004837',
        applicant: { fullName: name, citizenId: '038095001234', address: 'Thôn 1, xã Đông Sơn', phone: '0912345678' },
        channel: 'in_person',
        sets: 1,
        documents: [{ name: 'Tờ khai đăng ký giám hộ', form: 'original', count: 1 }],
      });
      assert.ok(r.received, JSON.stringify(r));
      codes.push(r.code);
    }
    const act = (code, action, body = {}) => rpc('Dossiers.Act', { code, action: `dossier.${action}`, body });
    await act(codes[0], 'handed_over');
    await act(codes[1], 'handed_over');
    await act(codes[3], 'handed_over');
    await act(codes[3], 'assigned');
    await act(codes[3], 'appraised', { opinion: 'approve' });
    await act(codes[3], 'submitted');
    await act(codes[3], 'signed', { number: '1/QĐ-UBND' });
    await act(codes[3], 'result_at_desk');
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: DESK_VIEWPORT });
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** A fresh tab, logged in as username: the start page is what the login lands on. */
  async function login(username) {
    await page?.close();
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(await server.newLink());
    await page.getByTestId('login').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-password').press('Enter');
    await page.getByTestId('status-user-name').waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** The visible screen as the desk sees it (no enlarged window). */
  async function shot(name) {
    await page.screenshot({ path: join(OUT, name) });
  }

  async function nav() {
    return page.locator('nav [data-testid^="nav-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
  }

  /** Whether an element's top is inside the 768-pixel screen. */
  async function inView(testId) {
    const box = await page.getByTestId(testId).boundingBox();
    return !!box && box.y >= 0 && box.y + 24 <= DESK_VIEWPORT.height;
  }

  async function queue() {
    const reply = await pageRpc(page, 'Dossiers.Queue', {});
    assert.ok(reply.ok, JSON.stringify(reply.body));
    return reply.body?.result ?? reply.body;
  }

  it('the officer lands on "Việc chờ tôi xử lý": what Dossiers.Queue lists, oldest first; Alt+2 is Hồ sơ', async () => {
    await login('chuyenvien');
    await page.getByTestId('section-work').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.locator('h1').textContent(), 'Việc chờ tôi xử lý');
    assert.deepEqual(await nav(), ['nav-work', 'nav-dossiers', 'nav-reports', 'nav-iso', 'nav-plans', 'nav-sync', 'nav-admin']);
    const q = await queue();
    assert.ok(q.items.length > 0, 'the demo officer has nothing waiting');
    await page.getByTestId('queue-table').waitFor({ state: 'visible', timeout: 10_000 });
    const rows = await page.locator('[data-testid^="queue-row-"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    assert.deepEqual(rows, q.items.map((i) => `queue-row-${i.code}`));
    assert.equal(await textOf(page, 'queue-count'), String(q.items.length));
    assert.ok(await inView('queue-table'), 'the queue is not on the first screen');
    await shot('start-officer.png');

    // The officer takes a dossier: the list of whom to assign to names only officers.
    const take = q.items.find((i) => i.reason === 'take');
    if (take) {
      await page.getByTestId(`queue-open-${take.code}`).click();
      await page.getByTestId('act-assigned').click();
      const options = page.getByTestId('act-assigned-officer').locator('option');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="act-assigned-officer"] option').length >= 1);
      const labels = await options.allTextContents();
      assert.equal(labels[0], '(Tôi nhận xử lý)');
      for (const label of labels.slice(1)) assert.match(label, / — Chuyên viên xử lý/, `a non-officer offered: ${labels}`);
      await page.getByTestId('act-cancel').click();
      await page.getByTestId('dossier-back').click();
    }
    await page.keyboard.press('Alt+2');
    await page.getByTestId('section-dossiers').waitFor({ state: 'visible', timeout: 5_000 });
  });

  it('the leader lands on the queue with the dossiers to sign and to assign', async () => {
    await login('lanhdao');
    await page.getByTestId('section-work').waitFor({ state: 'visible', timeout: 10_000 });
    const q = await queue();
    for (const i of q.items) assert.ok(['sign', 'assign'].includes(i.reason), `a leader queued for ${i.reason}`);
    if (q.items.length) await page.getByTestId('queue-table').waitFor({ state: 'visible', timeout: 10_000 });
    else await page.getByTestId('queue-empty').waitFor({ state: 'visible', timeout: 10_000 });
    await shot('start-leader.png');
  });

  it('the clerk lands on Tiếp nhận with "Kết quả cần trả hôm nay" in view; the national status badge says it is a status', async () => {
    await login('vanthu');
    await page.getByTestId('section-reception').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('desk-queue').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'desk-queue'), /Kết quả cần trả hôm nay/);
    assert.ok(await inView('desk-queue'), 'the results to return are not on the first screen');
    const q = await queue();
    const due = q.items.filter((i) => i.reason === 'return' && i.dueBy).length;
    assert.equal(await textOf(page, 'returns-today-count'), String(due));
    await shot('start-clerk.png');

    // Hồ sơ (Alt+2): a dossier's national status badge reads as a status.
    await page.keyboard.press('Alt+2');
    await page.getByTestId('section-dossiers').waitFor({ state: 'visible', timeout: 5_000 });
    const first = page.locator('[data-testid^="dossier-open-"]').first();
    await first.waitFor({ state: 'visible', timeout: 10_000 });
    await first.click();
    await page.getByTestId('dossier-national').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'dossier-national'), /^Trạng thái \(mã QG\): \d+$/);
  });

  it('the inspector lands on Báo cáo with the print check, and is offered no Tiếp nhận', async () => {
    await login('thanhtra');
    await page.getByTestId('section-reports').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('inspector-verify').waitFor({ state: 'visible', timeout: 10_000 });
    assert.deepEqual(await nav(), ['nav-dossiers', 'nav-reports', 'nav-iso', 'nav-plans', 'nav-admin']);
    assert.equal(await page.getByTestId('nav-reception').count(), 0);
    assert.ok(await inView('inspector-verify'), 'the print check is not on the first screen');
    await shot('start-inspector.png');
  });

  it('the administrator is offered ISO and no intake; a refused enrolment text is explained in Vietnamese', async () => {
    await login('demo');
    await page.getByTestId('section-dossiers').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.getByTestId('nav-iso').count(), 1);
    assert.equal(await page.getByTestId('nav-reception').count(), 0);
    await shot('start-admin.png');

    await page.getByTestId('nav-sync').click();
    const text = page.getByTestId('enrol-accept-text');
    if ((await text.count()) > 0) {
      await text.fill('HSENROL1.khong-phai-chung-nhan');
      await page.getByTestId('enrol-accept').click();
      await page.getByTestId('enrol-accept-text-error').waitFor({ state: 'visible', timeout: 10_000 });
      const error = await textOf(page, 'enrol-accept-text-error');
      assert.match(error, /^Không nhận được chứng nhận\. Văn bản chứng nhận không đúng định dạng/);
      assert.doesNotMatch(error, /trust:|certificate|illegal/);
    }
    assert.deepEqual(pageErrors, []);
  });
});
