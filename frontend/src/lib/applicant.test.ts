import { describe, expect, it } from 'vitest';
import {
  applicantFieldKey,
  applicantFieldOf,
  applicantLine,
  applicantRequest,
  checkApplicant,
  checkOrgId,
  checkPersonalId,
  checkText,
  emptyApplicant,
  representativeLine,
  representativeName,
  type ApplicantForm,
} from './applicant';
import { translate } from './i18n';

const tr = (key: string, params?: Record<string, string | number>) => translate('vi', key, params);

function form(over: Partial<ApplicantForm> = {}): ApplicantForm {
  return { ...emptyApplicant(), fullName: 'Nguyễn Thị Hồng', citizenId: '038190000123', ...over };
}

describe('identifier shapes', () => {
  it('a personal identification number is 12 digits', () => {
    expect(checkPersonalId('038190000123')).toBeNull();
    expect(checkPersonalId(' 038190000123 ')).toBeNull();
    expect(checkPersonalId('03819000012')).toBe('check.citizenId');
    expect(checkPersonalId('0381900001234')).toBe('check.citizenId');
    expect(checkPersonalId('03819000012a')).toBe('check.citizenId');
    expect(checkPersonalId('０３８１９００００１２３')).toBe('check.citizenId');
  });

  it('an organisation\'s identifier is 10 digits, or 10-3 for a branch', () => {
    expect(checkOrgId('0101234567')).toBeNull();
    expect(checkOrgId('0101234567-001')).toBeNull();
    expect(checkOrgId('010123456')).toBe('check.orgId');
    expect(checkOrgId('0101234567-01')).toBe('check.orgId');
    expect(checkOrgId('0101234567001')).toBe('check.orgId');
    expect(checkOrgId('0101234567 001')).toBe('check.orgId');
    expect(checkOrgId('')).toBe('check.orgId');
  });
});

describe('checkText', () => {
  it('lets Vietnamese text, in either Unicode form, through', () => {
    expect(checkText('Nguyễn Thị Hồng, thôn Đông — số 5/2')).toBeNull();
    expect(checkText('Nguyễn'.normalize('NFD'))).toBeNull();
    expect(checkText('Trần 😀')).toBeNull();
    expect(checkText('')).toBeNull();
  });

  it('refuses control characters, bidi overrides and isolates, and lone surrogates', () => {
    for (const bad of ['a\u0000b', 'a\nb', 'a\tb', 'a\u007fb', 'a\u0085b', 'x\u202ey', 'x\u202ay', 'x\u2066y', 'x\u2069y', 'x\ud800y', 'x\udc00']) {
      expect(checkText(bad), JSON.stringify(bad)).toBe('check.badText');
    }
  });
});

describe('checkApplicant', () => {
  it('an individual: a name and a 12-digit number; no representative unless filed by proxy', () => {
    expect(checkApplicant(form())).toEqual({});
    expect(checkApplicant(form({ fullName: ' ', citizenId: '123' }))).toEqual({
      fullName: 'check.required',
      citizenId: 'check.citizenId',
    });
    expect(checkApplicant(form({ proxy: true }))).toEqual({
      repFullName: 'check.required',
      repCitizenId: 'check.citizenId',
    });
    expect(checkApplicant(form({ proxy: true, repFullName: 'Trần Văn Bình', repCitizenId: '001090000456' }))).toEqual({});
  });

  it('an organisation: its name and identifier, and always the representative; no personal number of its own', () => {
    const org = form({ kind: 'organisation', fullName: 'Công ty TNHH An Phát', citizenId: '' });
    expect(checkApplicant(org)).toEqual({
      orgId: 'check.orgId',
      repFullName: 'check.required',
      repCitizenId: 'check.citizenId',
    });
    expect(checkApplicant({ ...org, fullName: '', orgId: '0101234567', repFullName: 'B', repCitizenId: '001090000456' })).toEqual({
      fullName: 'check.orgName',
    });
  });

  it('refused characters in names, address, relation and e-mail; phone and e-mail shapes', () => {
    expect(
      checkApplicant(
        form({ fullName: 'Hồng\u202e', address: 'Thôn\u0007', proxy: true, repFullName: 'B\u2066', repCitizenId: '001090000456', repRelation: 'Con\n' }),
      ),
    ).toEqual({ fullName: 'check.badText', address: 'check.badText', repFullName: 'check.badText', repRelation: 'check.badText' });
    expect(checkApplicant(form({ phone: '12345', email: 'a@b' }))).toEqual({ phone: 'check.phone', email: 'check.email' });
    expect(checkApplicant(form({ email: 'a\u202e@b.vn' }))).toEqual({ email: 'check.badText' });
  });
});

describe('applicantRequest', () => {
  it('an individual filing alone: no representative, no organisation identifier', () => {
    expect(applicantRequest(form({ address: ' Thôn 1 ', phone: '0912 345.678', orgId: '0101234567' }))).toEqual({
      kind: 'person',
      fullName: 'Nguyễn Thị Hồng',
      citizenId: '038190000123',
      orgId: '',
      address: 'Thôn 1',
      phone: '0912345678',
      email: '',
    });
  });

  it('an organisation through its representative: the identifier that fits, the representative trimmed', () => {
    const a = form({
      kind: 'organisation',
      fullName: ' Công ty TNHH An Phát ',
      citizenId: '038190000123',
      orgId: '0101234567-001',
      repFullName: ' Trần Văn Bình ',
      repCitizenId: '001090000456',
      repRelation: 'Người được ủy quyền',
    });
    expect(applicantRequest(a)).toEqual({
      kind: 'organisation',
      fullName: 'Công ty TNHH An Phát',
      citizenId: '',
      orgId: '0101234567-001',
      address: '',
      phone: '',
      email: '',
      representative: { fullName: 'Trần Văn Bình', citizenId: '001090000456', relation: 'Người được ủy quyền' },
    });
    // An individual's proxy unticked: the typed representative is not sent.
    expect(applicantRequest(form({ repFullName: 'X' })).representative).toBeUndefined();
  });
});

describe('Go\'s field errors', () => {
  it('land on the field they name', () => {
    expect(applicantFieldOf('applicant.representative.citizenId')).toBe('repCitizenId');
    expect(applicantFieldOf('applicant.representative.fullName')).toBe('repFullName');
    expect(applicantFieldOf('applicant.representative.relation')).toBe('repRelation');
    expect(applicantFieldOf('applicant.representative')).toBe('repFullName');
    expect(applicantFieldOf('applicant.orgId')).toBe('orgId');
    expect(applicantFieldOf('applicant.citizenId')).toBe('citizenId');
    expect(applicantFieldOf('applicant.fullName')).toBe('fullName');
    expect(applicantFieldOf('applicant.kind')).toBe('fullName');
    expect(applicantFieldOf('documents[0].name')).toBeNull();
    expect(applicantFieldOf(undefined)).toBeNull();
  });

  it('read as the rule broken', () => {
    expect(applicantFieldKey('repCitizenId', form())).toBe('check.citizenId');
    expect(applicantFieldKey('orgId', form())).toBe('check.orgId');
    expect(applicantFieldKey('fullName', form({ fullName: 'A\u202e' }))).toBe('check.badText');
    expect(applicantFieldKey('address', form({ address: 'Thôn 1' }))).toBe('check.invalid');
  });
});

describe('how views write the applicant', () => {
  it('an individual with the personal number, an organisation with its code', () => {
    expect(applicantLine(tr, { fullName: 'Nguyễn Thị Hồng', citizenId: '038190000123' })).toBe(
      'Nguyễn Thị Hồng · Số định danh 038190000123',
    );
    expect(applicantLine(tr, { kind: 'organisation', fullName: 'Công ty TNHH An Phát', citizenId: '', orgId: '0101234567' })).toBe(
      'Công ty TNHH An Phát · Mã số DN/thuế 0101234567',
    );
    expect(applicantLine(tr, { kind: 'person', fullName: 'A', citizenId: '' })).toBe('A');
  });

  it('the representative line, and a summary\'s representative in either shape', () => {
    expect(representativeLine(tr, { fullName: 'Trần Văn Bình', citizenId: '001090000456', relation: 'Người được ủy quyền' })).toBe(
      'Trần Văn Bình (Người được ủy quyền) · Số định danh 001090000456',
    );
    expect(representativeName('Trần Văn Bình')).toBe('Trần Văn Bình');
    expect(representativeName({ fullName: 'Trần Văn Bình', citizenId: '', relation: '' })).toBe('Trần Văn Bình');
    expect(representativeName(null)).toBe('');
  });
});
