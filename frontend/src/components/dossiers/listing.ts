// The Hồ sơ list's small rules, apart from the screen so they are tested
// alone: the reception periods the list filters by (as Dossiers.Search's
// receivedFrom/receivedTo), and moving the focus to a control that may
// not be drawn yet (the dossier's heading while it loads) or that was just
// taken away (an action form closing).
import { nowInVietnam } from '../../lib/stores/calendar';

/** The reception periods the list offers; "range" is two typed days. */
export const PERIODS = ['any', 'today', 'week', 'month', 'range'] as const;
export type Period = (typeof PERIODS)[number];

/** Adds days to "YYYY-MM-DD" (negative: back). */
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The days a period covers, "YYYY-MM-DD" in Vietnam, both included ("" for
 * no bound): today; this week from its Monday (the working week, as the
 * desk counts it); this month from its first day; a range as typed. Days
 * after today are left open: nothing is received in the future.
 */
export function periodDays(period: Period, range: { from: string; to: string } = { from: '', to: '' }, now = new Date()): { from: string; to: string } {
  const today = nowInVietnam(now).date;
  switch (period) {
    case 'today':
      return { from: today, to: today };
    case 'week': {
      const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
      return { from: addDays(today, -((weekday + 6) % 7)), to: today };
    }
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'range':
      return { from: range.from, to: range.to };
    default:
      return { from: '', to: '' };
  }
}

/**
 * Focuses the first element matching one of the selectors inside root as
 * soon as one is there (now, or when it is drawn), unless the user has
 * moved the focus elsewhere meanwhile (outside root and off the page's
 * background). Returns a function that stops waiting; it stops by itself
 * after `timeoutMs`.
 */
export function focusWhenShown(root: HTMLElement, selectors: string[], timeoutMs = 10_000): () => void {
  const start = document.activeElement;
  let observer: MutationObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    observer?.disconnect();
    clearTimeout(timer);
  };
  const attempt = (): boolean => {
    const active = document.activeElement;
    const free = !active || active === document.body || active === start || root.contains(active);
    if (!free) return true; // the user went on: leave the focus where it is
    for (const s of selectors) {
      const el = root.querySelector<HTMLElement>(s);
      if (el) {
        el.focus();
        return true;
      }
    }
    return false;
  };
  if (attempt()) return stop;
  observer = new MutationObserver(() => {
    if (attempt()) stop();
  });
  observer.observe(root, { childList: true, subtree: true });
  timer = setTimeout(stop, timeoutMs);
  return stop;
}

/**
 * Keeps the focus inside root when the element that had it is taken away
 * (an action form closing after its confirmation, a button no longer
 * offered): the browser would leave it on the page's background, where the
 * next Tab starts from the top. It goes to the first of the selectors
 * found instead. Returns a function that stops watching.
 */
export function keepFocusIn(root: HTMLElement, selectors: string[]): () => void {
  let last: Element | null = null;
  const onFocusIn = (e: FocusEvent) => {
    last = e.target instanceof Element ? e.target : null;
  };
  const observer = new MutationObserver(() => {
    const active = document.activeElement;
    if (!last || last.isConnected || (active && active !== document.body)) return;
    last = null;
    for (const s of selectors) {
      const el = root.querySelector<HTMLElement>(s);
      if (el) {
        el.focus();
        return;
      }
    }
  });
  root.addEventListener('focusin', onFocusIn);
  observer.observe(root, { childList: true, subtree: true });
  return () => {
    root.removeEventListener('focusin', onFocusIn);
    observer.disconnect();
  };
}
