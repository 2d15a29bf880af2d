// The user's language choice: applied and remembered locally at once, then
// told to the node so other windows/reports follow. A failed call doesn't undo it.
import { setLanguage } from '../api';
import { setLocale, type Locale } from '../i18n';
import { reportError } from './errors';

export async function chooseLanguage(lang: Locale): Promise<void> {
  setLocale(lang);
  try {
    await setLanguage(lang);
  } catch (err) {
    reportError(err);
  }
}
