// End-to-end at the desk's 1366×768 (issue 22 items 2, 8 and the action
// forms of item 4), against the real node with the demo offices: the
// officer appraises with the keyboard — Enter on the opinion list submits —
// and proposes a refusal; the leader reads the opinion beside the sign
// action and on the timeline, is refused a plain signature of approval (by
// the form and by Go), and signs only after acknowledging the opinion; the
// clerk returns the result to the applicant offered by default, is refused
// a blank recipient, and records the rating in the same form.
//
//   HOSO_NODE=/abs/path/bin/hoso-node node --test e2e/opinion.test.mjs
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DESK_VIEWPORT,
  SKIP,
  demoNode,
  launchBrowser,
  login as loginAs,
  logout as logoutOf,
  openPage,
  pageRpc,
  screenshot,
  serve,
  stop,
  textOf,
} from './helpers.mjs';

const PROCEDURE = '1.004884'; // Đăng ký lại khai sinh
const APPLICANT = 'Phạm Văn Cường';
const NOTE = 'Không đủ điều kiện cư trú tại xã';

describe('the officer’s opinion before signing and the return of results', { skip: SKIP }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  let code;
  const pageErrors = [];

  before(async () => {
    ({ tmp } = await demoNode('opinion'));
    server = await serve(join(tmp, 'node'));
    browser = await launchBrowser();
    page = await openPage(browser, server.url, DESK_VIEWPORT, pageErrors);
  }, { timeout: 90_000 });

  after(async () => {
    await browser?.close().catch(() => {});
    await stop(server?.proc);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function rpc(method, params) {
    const reply = await pageRpc(page, method, params);
    assert.ok(reply.ok, `${method}: ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  const login = (username) => loginAs(page, username);
  const logout = () => logoutOf(page);

  async function openDossier() {
    await page.getByTestId('nav-dossiers').click();
    if (await page.getByTestId('dossier-back').count()) await page.getByTestId('dossier-back').click();
    await page.getByTestId('dossier-search').fill(code);
    await page.getByTestId(`dossier-open-${code}`).click();
    await page.getByTestId('dossier-code').waitFor({ state: 'visible', timeout: 10_000 });
  }

  async function statusIs(text) {
    await page
      .getByTestId('dossier-status')
      .filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) })
      .waitFor({ timeout: 10_000 });
  }

  /** Screenshots at the desk's size (the helper restores its own size). */
  async function shot(name) {
    await screenshot(page, name);
    await page.setViewportSize(DESK_VIEWPORT);
  }

  it('the officer proposes a refusal with the keyboard: Enter on the opinion list submits', async () => {
    await login('vanthu');
    const received = await rpc('Dossiers.Receive', {
      procedure: PROCEDURE,
      applicant: { fullName: APPLICANT, citizenId: '038190000789', address: 'Thôn Nam, xã Đông Sơn', phone: '0912345670', email: '' },
      channel: 'in_person',
      documents: [{ name: 'Tờ khai đăng ký lại khai sinh', form: 'original', count: 1 }],
      sets: 1,
    });
    assert.equal(received.received, true);
    code = received.code;
    await rpc('Dossiers.Act', { code, action: 'dossier.handed_over', body: {} });
    await logout();

    await login('chuyenvien');
    await openDossier();
    await page.getByTestId('act-assigned').click();
    await page.getByTestId('act-form-assigned').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('act-submit').click();
    await statusIs('Đang xử lý');

    await page.getByTestId('act-appraised').click();
    const opinion = page.getByTestId('act-appraised-opinion');
    await opinion.waitFor({ state: 'visible', timeout: 10_000 });
    assert.deepEqual(
      (await opinion.locator('option').allTextContents()).map((s) => s.trim()),
      ['Đồng ý giải quyết', 'Đề nghị từ chối', 'Đề nghị bổ sung hồ sơ'],
    );
    await page.getByTestId('act-appraised-note').fill(NOTE);
    await opinion.selectOption('refuse');
    await opinion.focus();
    await page.keyboard.press('Enter');
    await statusIs('Đã thẩm định');

    await page.getByTestId('act-submitted').click();
    await page.getByTestId('act-form-submitted').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('act-submit').click();
    await statusIs('Chờ ký duyệt');
    await logout();
  });

  it('the leader reads the opinion beside the sign action and signs an approval only after acknowledging it', async () => {
    await login('lanhdao');
    await openDossier();
    const box = page.getByTestId('opinion-box');
    await box.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await textOf(page, 'opinion-box'), new RegExp(`^Ý kiến của chuyên viên thẩm định: Đề nghị từ chối — ${NOTE} \\(Trần Văn Minh, `));
    // Beside the sign action: the box is in the actions panel, above its buttons, on screen.
    assert.equal(await page.getByTestId('dossier-actions').getByTestId('opinion-box').count(), 1);
    assert.equal(await textOf(page, 'timeline-opinion'), `Ý kiến: Đề nghị từ chối — ${NOTE}`);

    // Go refuses a plain signature of approval, in words the page can show.
    const plain = await pageRpc(page, 'Dossiers.Act', { code, action: 'dossier.signed', body: { number: '9/QĐ-UBND' } });
    assert.equal(plain.ok, false);
    const err = plain.body?.error ?? plain.body;
    assert.equal(err.code, 'refused', JSON.stringify(plain.body));
    assert.equal(err.params?.rule, 'opinion_not_acknowledged');

    await page.getByTestId('act-signed').click();
    await page.getByTestId('act-form-signed').waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.getByTestId('act-signed-refusal').count(), 1);
    await page.getByTestId('act-signed-number').fill('9/QĐ-UBND');
    await page.getByTestId('act-signed-number').press('Enter');
    assert.equal(
      await textOf(page, 'act-signed-acknowledged-error'),
      'Hãy xác nhận đã xem ý kiến của chuyên viên trước khi ký phê duyệt.',
    );
    await statusIs('Chờ ký duyệt');
    const ack = page.getByTestId('act-signed-acknowledged');
    await ack.focus();
    await page.keyboard.press('Space');
    assert.equal(await ack.isChecked(), true);
    assert.equal(await page.getByTestId('act-signed-acknowledged-error').count(), 0);
    await shot('opinion-sign.png');
    await page.keyboard.press('Enter');
    await statusIs('Đã ký duyệt');
    await logout();
  });

  it('the clerk returns the result to the applicant offered by default, with the rating in the same form', async () => {
    await login('vanthu');
    await openDossier();
    await page.getByTestId('act-result_at_desk').click();
    await page.getByTestId('act-form-result_at_desk').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('act-submit').click();
    await statusIs('Có kết quả tại bộ phận một cửa');

    // Go refuses a return to nobody.
    const blank = await pageRpc(page, 'Dossiers.Act', { code, action: 'dossier.returned', body: { recipient: ' ' } });
    assert.equal(blank.ok, false);
    assert.equal((blank.body?.error ?? blank.body).field, 'recipient', JSON.stringify(blank.body));

    await page.getByTestId('act-returned').click();
    const recipient = page.getByTestId('act-returned-recipient');
    await recipient.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await recipient.inputValue(), APPLICANT);
    await recipient.fill('');
    await recipient.press('Enter');
    assert.equal(await textOf(page, 'act-returned-recipient-error'), 'Trường này là bắt buộc.');
    await recipient.fill(APPLICANT);
    assert.equal(await page.getByTestId('act-returned-recipient-error').count(), 0);

    const rating = page.getByTestId('act-returned-rating');
    assert.match(await textOf(page, 'act-returned-rating'), /^Công dân đánh giá mức độ hài lòng \(không bắt buộc\)/);
    assert.ok(await rating.isVisible());
    const satisfied = rating.getByLabel('Hài lòng', { exact: true });
    await satisfied.check();
    await shot('return.png');
    await satisfied.press('Enter');
    await statusIs('Đã trả kết quả');
    assert.equal(await textOf(page, 'dossier-rating'), 'Hài lòng');
    assert.deepEqual(pageErrors, []);
  });
});
