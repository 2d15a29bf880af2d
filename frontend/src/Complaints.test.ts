// Báo cáo → "Phản ánh, kiến nghị" rendered alone in jsdom with the Go side
// faked through the Bridge: the list marks a late complaint and one answered
// on time; a clerk receives one linked to a dossier, classifies and answers
// it and records the citizen's rating; a refusal of the Go side is worded by
// its rule; a user who may not receive is not offered the form.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ComplaintsTab from './components/complaints/ComplaintsTab.svelte';
import type { ComplaintReply, ComplaintsReply } from './lib/api';
import { locale } from './lib/i18n';
import { auth } from './lib/stores/auth';
import { installGo } from './test/fakeGo';
import { byTestId, choose, chooseFile, cleanup, click, render, shown, textBecomes, textOf, type } from './test/dom';

const due = { refuse: '2026-11-25T17:00:00+07:00', askMore: '2026-11-30T17:00:00+07:00', answer: '2026-12-14T17:00:00+07:00' };

const list = (): ComplaintsReply => ({
  office: '38001',
  raised: 0,
  limits: { refuse: 2, askMore: 5, answer: 15, publish: 2 },
  complaints: [
    { id: 'PA1', office: '38001', received: '2026-11-23T02:00:00Z', channel: 'desk', category: 'procedure', from: 'Nguyễn Văn Dân', dossier: '', state: 'received', due, late: ['answer'], overdue: true, onTime: false, rated: false, satisfied: false },
    { id: 'PA2', office: '38001', received: '2026-11-24T02:00:00Z', channel: 'mail', category: 'rules', from: 'Lê Thị B', dossier: '', state: 'published', due, late: [], overdue: false, onTime: true, rated: true, satisfied: true },
    { id: 'PA4', office: '38001', received: '2026-11-25T02:00:00Z', channel: 'phone', category: 'conduct', from: 'Đỗ D', dossier: '', state: 'received', due, late: [], overdue: false, onTime: false, rated: false, satisfied: false },
  ],
});

function reply(over: Partial<ComplaintReply['complaint']> = {}, extra: Partial<ComplaintReply> = {}): ComplaintReply {
  return {
    subject: 'complaint/38001/PA3',
    complaint: {
      id: 'PA3', office: '38001', receivedBy: '38001', clerk: 'u-c', at: '2026-12-07T02:00:00Z', channel: 'desk',
      from: { name: 'Trần Văn C', contact: '0912' }, dossier: '38001-261201-0001', text: 'Trả kết quả chậm', due, state: 'received', limitsVersion: '38@2',
      ...over,
    },
    late: [], overdue: false, onTime: false, names: {}, act: true, nc: '',
    ...extra,
  };
}

beforeEach(() => {
  sessionStorage.setItem('hoso.session', 'sess');
  locale.set('vi');
  auth.set({ view: 'ready', user: { id: 'u-c', username: 'vanthu', fullName: 'Văn thư', office: '38001', roles: ['clerk'], disabled: false, locked: false }, office: null, reason: null, error: null });
});

afterEach(() => {
  cleanup();
  delete window.go;
  vi.restoreAllMocks();
});

describe('Phản ánh, kiến nghị', () => {
  it('marks the late complaint and the one answered on time', async () => {
    installGo({ Complaints: { List: async () => list() } });
    render(ComplaintsTab);
    await shown('complaints-list');
    expect(textOf('complaints-mark-PA1')).toBe('Trễ hạn');
    expect(byTestId('complaints-mark-PA1')?.classList.contains('late')).toBe(true);
    expect(textOf('complaints-mark-PA2')).toBe('Đúng hạn');
    expect(textOf('complaints-state-PA2')).toBe('Đã công khai');
    expect(textOf('complaints-mark-PA4')).toBe('Trong hạn');
    expect(textOf('complaints-row-PA1')).toContain('14/12/2026');
  });

  it('lists only the late ones when asked', async () => {
    const List = vi.fn(async (p: { late: boolean }) => (p.late ? { ...list(), complaints: list().complaints.slice(0, 1) } : list()));
    installGo({ Complaints: { List } });
    render(ComplaintsTab);
    await shown('complaints-row-PA4');
    click('complaints-only-late');
    await vi.waitFor(() => expect(byTestId('complaints-row-PA4')).toBeNull());
    expect(List).toHaveBeenLastCalledWith({ office: '', state: '', late: true });
  });

  it('receives a complaint linked to a dossier, classifies and answers it, and records the rating', async () => {
    const Receive = vi.fn(async () => reply());
    const Classify = vi.fn(async () => reply({ category: 'procedure' }));
    const Answer = vi.fn(async () => reply({ category: 'procedure', state: 'answered', answer: { by: 'u-c', at: '2026-12-08T02:00:00Z', text: 'Đã xin lỗi', publishDue: '2026-12-10T17:00:00+07:00' }, due: { ...due, publish: '2026-12-10T17:00:00+07:00' } }, { onTime: true }));
    const Rate = vi.fn(async () => reply({ category: 'procedure', state: 'answered', answer: { by: 'u-c', at: '2026-12-08T02:00:00Z', text: 'Đã xin lỗi', publishDue: '2026-12-10T17:00:00+07:00' }, rating: { by: 'u-c', at: '2026-12-08T03:00:00Z', satisfied: true } }, { onTime: true }));
    installGo({ Complaints: { List: async () => ({ ...list(), complaints: [] }), Receive, Get: async () => reply(), Classify, Answer, Rate } });
    render(ComplaintsTab);
    await shown('complaints-none');
    click('complaints-receive-open');
    await shown('complaints-receive-form');
    type('complaints-name', 'Trần Văn C');
    type('complaints-contact', '0912');
    type('complaints-dossier', '38001-261201-0001');
    type('complaints-text', 'Trả kết quả chậm');
    click('complaints-receive-submit');
    await shown('complaint-view');
    expect(Receive).toHaveBeenCalledWith({ office: '', channel: 'desk', from: { name: 'Trần Văn C', contact: '0912' }, dossier: '38001-261201-0001', category: '', text: 'Trả kết quả chậm', receivedAt: '' });
    await textBecomes('complaint-dossier', '38001-261201-0001');
    expect(textOf('complaint-due-answer')).toBe('14/12/2026');
    expect(textOf('complaint-due-refuse')).toBe('25/11/2026');
    expect(textOf('complaint-limits-version')).toBe('Hạn tính theo thời hạn phiên bản 2 do 38 ban hành');
    choose('complaint-category-select', 'procedure');
    click('complaint-classify');
    await textBecomes('complaint-category', 'Giải quyết thủ tục');
    expect(Classify).toHaveBeenCalledWith({ id: 'PA3', category: 'procedure' });
    type('complaint-answer-text', 'Đã xin lỗi');
    click('complaint-answer');
    await textBecomes('complaint-state', 'Đã trả lời');
    expect(Answer).toHaveBeenCalledWith({ id: 'PA3', text: 'Đã xin lỗi', files: [] });
    expect(textOf('complaint-ontime-answer')).toBe('Đúng hạn');
    expect(textOf('complaint-due-publish')).toBe('10/12/2026');
    click('complaint-rate-yes');
    await textBecomes('complaint-rating', 'Hài lòng');
    expect(Rate).toHaveBeenCalledWith({ id: 'PA3', satisfied: true, note: '' });
    expect(byTestId('complaint-rate')).toBeNull();
  });

  it('words a refusal by its rule and shows the nonconformity a late one raised', async () => {
    const Answer = vi.fn(async () => {
      throw { code: 'refused', field: 'category', message: 'classify the complaint before answering it', params: { rule: 'complaint_needs_category' } };
    });
    installGo({ Complaints: { List: async () => list(), Get: async () => reply({}, { late: ['answer'], nc: 'auto-complaint-PA3-late' }), Answer } });
    render(ComplaintsTab);
    await shown('complaints-open-PA1');
    click('complaints-open-PA1');
    await shown('complaint-late-answer');
    expect(textOf('complaint-nc')).toBe('auto-complaint-PA3-late');
    type('complaint-answer-text', 'x');
    click('complaint-answer');
    await textBecomes('complaint-error', 'Cần phân loại phản ánh trước khi trả lời.');
  });

  it('answers with a signed paper attached, which opens from the answer', async () => {
    const ref = { id: 'a'.repeat(64), name: 'tra-loi.pdf', type: 'application/pdf', size: 2048 };
    const Put = vi.fn(async () => ref);
    const answered = reply({ category: 'rules', state: 'answered', answer: { by: 'u-c', at: '2026-12-08T02:00:00Z', text: 'Trả lời bằng văn bản', files: [ref], publishDue: '2026-12-10T17:00:00+07:00' } }, { names: { 'u-c': 'Văn thư' } });
    const Answer = vi.fn(async () => answered);
    const FileGet = vi.fn(async () => ({ ref, synced: false }));
    installGo({ Complaints: { List: async () => list(), Get: async () => reply({ category: 'rules' }), Answer }, Files: { Put, Get: FileGet } });
    render(ComplaintsTab);
    await shown('complaints-open-PA1');
    click('complaints-open-PA1');
    await shown('complaint-answer-file');
    chooseFile('complaint-answer-file', new File(['%PDF-1.4'], 'tra-loi.pdf', { type: 'application/pdf' }));
    await shown('complaint-attached');
    type('complaint-answer-text', 'Trả lời bằng văn bản');
    click('complaint-answer');
    await shown(`complaint-file-${ref.id}`);
    expect(Answer).toHaveBeenCalledWith({ id: 'PA3', text: 'Trả lời bằng văn bản', files: [ref] });
    expect(textOf('complaint-answer-shown')).toContain('Văn thư');
    click(`complaint-file-${ref.id}`);
    await textBecomes('complaint-answer-shown', /chưa đồng bộ/);
    expect(FileGet).toHaveBeenCalledWith({ subject: 'complaint/38001/PA3', id: ref.id });
  });

  it('offers no reception form to an inspector, nor acts on a complaint it does not handle', async () => {
    auth.set({ view: 'ready', user: { id: 'u-i', username: 'thanhtra', fullName: 'Thanh tra', office: '38001', roles: ['inspector'], disabled: false, locked: false }, office: null, reason: null, error: null });
    installGo({ Complaints: { List: async () => list(), Get: async () => reply({}, { act: false }) } });
    render(ComplaintsTab);
    await shown('complaints-list');
    expect(byTestId('complaints-receive-open')).toBeNull();
    click('complaints-open-PA1');
    await shown('complaint-state');
    expect(byTestId('complaint-answer')).toBeNull();
    expect(byTestId('complaint-classify')).toBeNull();
  });

  it('shows the legal times in force with their basis and version, and lets an administrator change them', async () => {
    const builtin = { limits: { refuse: 2, askMore: 5, answer: 15, publish: 2 }, basis: 'Nghị định 20/2008/NĐ-CP, Điều 14, 15, 17, 21 [verify]', office: '', version: 0, actor: '', recordedAt: '0001-01-01T00:00:00Z', officeName: '', actorName: '' };
    const province = { limits: { refuse: 2, askMore: 5, answer: 10, publish: 2 }, basis: 'Quyết định 12/2026/QĐ-UBND', office: '38', version: 1, actor: 'u-a', recordedAt: '2026-12-01T02:00:00Z', officeName: 'UBND tỉnh Thanh Hóa', actorName: 'Quản trị tỉnh' };
    const mine = { ...province, limits: { refuse: 2, askMore: 5, answer: 12, publish: 3 }, basis: 'Quyết định của xã', office: '38001', officeName: 'UBND xã Đông Sơn', actorName: 'Quản trị xã' };
    const Limits = vi.fn(async () => ({ office: '38001', inForce: province, history: [province, builtin] }));
    let calls = 0;
    const SetLimits = vi.fn(async () => {
      calls++;
      if (calls === 1) throw { code: 'invalid_input', field: 'limits.answer', message: 'a legal time of 0 working days is not 1 to 365', params: { rule: 'complaint_limit_range', min: '1', max: '365' } };
      return { office: '38001', inForce: mine, history: [mine, province, builtin] };
    });
    auth.set({ view: 'ready', user: { id: 'u-a', username: 'admin', fullName: 'Quản trị', office: '38001', roles: ['admin'], disabled: false, locked: false }, office: null, reason: null, error: null });
    installGo({ Complaints: { List: async () => list(), Limits, SetLimits } });
    render(ComplaintsTab);
    await shown('complaint-limit-answer');
    expect(textOf('complaint-limit-answer')).toBe('10 ngày làm việc');
    expect(textOf('complaint-limit-refuse')).toBe('2 ngày làm việc');
    expect(textOf('complaint-limits-basis')).toBe('Quyết định 12/2026/QĐ-UBND');
    expect(textOf('complaint-limits-version')).toContain('Phiên bản 1 do UBND tỉnh Thanh Hóa');
    expect(Limits).toHaveBeenCalledWith({ office: '' });
    click('complaint-limits-edit');
    await shown('complaint-limits-form');
    type('complaint-limits-input-answer', '0');
    type('complaint-limits-basis-input', 'Quyết định của xã');
    click('complaint-limits-save');
    await textBecomes('complaint-limits-save-error', 'Mỗi thời hạn phải từ 1 đến 365 ngày làm việc.');
    type('complaint-limits-input-answer', '12');
    type('complaint-limits-input-publish', '3');
    click('complaint-limits-save');
    await textBecomes('complaint-limit-answer', '12 ngày làm việc');
    expect(SetLimits).toHaveBeenLastCalledWith({ limits: { refuse: 2, askMore: 5, answer: 12, publish: 3 }, basis: 'Quyết định của xã' });
    expect(byTestId('complaint-limits-form')).toBeNull();
    expect(textOf('complaint-limits-history')).toContain('2 · 5 · 10 · 2');
  });

  it('offers a clerk the legal times to read, not to change', async () => {
    const builtin = { limits: { refuse: 2, askMore: 5, answer: 15, publish: 2 }, basis: 'Nghị định 20/2008/NĐ-CP', office: '', version: 0, actor: '', recordedAt: '0001-01-01T00:00:00Z', officeName: '', actorName: '' };
    installGo({ Complaints: { List: async () => list(), Limits: async () => ({ office: '38001', inForce: builtin, history: [builtin] }) } });
    render(ComplaintsTab);
    await shown('complaint-limit-answer');
    expect(textOf('complaint-limit-answer')).toBe('15 ngày làm việc');
    expect(textOf('complaint-limits-version')).toContain('Mặc định');
    expect(byTestId('complaint-limits-edit')).toBeNull();
    locale.set('en');
    await textBecomes('complaint-limit-answer', '15 working days');
  });
});
