// Loads a report whenever its scope changes, keeping only the newest answer:
// the reply, whether it is loading, and the error of the last attempt.
import { ApiError } from '../../lib/api';
import type { ReportScope } from '../../lib/reports';

export class ReportLoader<T> {
  reply = $state<T | null>(null);
  loading = $state(false);
  error = $state<ApiError | null>(null);
  #seq = 0;
  #fetch: (scope: ReportScope) => Promise<T>;

  constructor(fetch: (scope: ReportScope) => Promise<T>) {
    this.#fetch = fetch;
  }

  async load(scope: ReportScope): Promise<void> {
    const mine = ++this.#seq;
    this.loading = true;
    this.error = null;
    try {
      const reply = await this.#fetch(scope);
      if (mine === this.#seq) this.reply = reply;
    } catch (err) {
      if (mine === this.#seq) {
        this.reply = null;
        this.error = ApiError.from(err);
      }
    } finally {
      if (mine === this.#seq) this.loading = false;
    }
  }

  /** Replaces the reply with one a later call returned (e.g. after saving). */
  set(reply: T): void {
    this.#seq++;
    this.reply = reply;
    this.loading = false;
    this.error = null;
  }
}
