// A text that is not text (a control or text-direction character, damaged
// UTF-8) reads the same wherever Go refuses it: the registry's
// invalid_input with params.rule "bad_text" for any field of any request
// (app/text.go), or a dossier rule's refusal for the applicant's fields.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ErrorNote from '../components/form/ErrorNote.svelte';
import { ApiError } from './api-error';
import { refusalKey } from './dossier';
import { locale } from './i18n';
import { fieldProblem } from './validate';

const generic = (field: string) =>
  new ApiError('invalid_input', `${field}: the character U+202E is not allowed in a text`, field, { rule: 'bad_text', field, char: 'U+202E' });

describe('bad_text in any request', () => {
  it('reads as the refusal of the dossier rules does', () => {
    expect(refusalKey(generic('body.reason'))).toBe('check.badText');
    expect(refusalKey(new ApiError('refused', '', 'applicant.fullName', { rule: 'bad_text' }))).toBe('dossier.rule.bad_text');
    expect(refusalKey(new ApiError('invalid_input', '', 'sets'))).toBe('errors.invalid_input');
  });

  it('shows beside the field of an administration form', () => {
    expect(fieldProblem('name', generic('name'))).toEqual({ key: 'check.badText' });
    expect(fieldProblem('fullName', generic('admin.fullName'))).toEqual({ key: 'check.badText' });
    expect(fieldProblem('name', new ApiError('invalid_input', '', 'name'))).toEqual({ key: 'check.required' });
  });
});

describe('ErrorNote', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    locale.set('vi');
  });

  it('says what is wrong and names the field, in either language', () => {
    const target = document.createElement('div');
    document.body.append(target);
    const note = mount(ErrorNote, { target, props: { error: generic('documents[2].name') } });
    flushSync();
    const text = target.querySelector('[data-testid="error-note"]')?.textContent ?? '';
    expect(text).toContain('Có ký tự điều khiển hoặc ký tự đảo chiều văn bản không được phép');
    expect(text).toContain('Trường: documents[2].name');
    locale.set('en');
    flushSync();
    expect(target.textContent).toContain('Contains a control or text-direction character that is not allowed');
    expect(target.textContent).toContain('Field: documents[2].name');
    unmount(note);
  });
});
