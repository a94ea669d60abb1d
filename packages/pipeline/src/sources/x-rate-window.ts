import { setTimeout as sleep } from 'node:timers/promises';

type Headers = Record<string, string | string[] | undefined>;

export interface XRateWindowOptions {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** No wait may end after this instant (ms): the run's time budget. */
  deadline?: () => number;
  /** Told when requests wait for the window's reset (a backfill shows it). */
  onWait?: (until: Date) => void;
}

/**
 * X's 15-minute request window, as its answers report it (`x-rate-limit-remaining`, `x-rate-limit-reset`): a
 * request takes one of the requests left, and when none are left it waits for the reset, so a long backfill is
 * paced by X instead of hammering it into 429s. Requests in flight count before X answers for them.
 */
export class XRateWindow {
  #remaining: number | undefined;
  #resetAt = 0;
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #deadline: () => number;
  readonly #onWait: (until: Date) => void;

  constructor(options: XRateWindowOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms, signal) => sleep(ms, undefined, { signal }));
    this.#deadline = options.deadline ?? (() => Number.POSITIVE_INFINITY);
    this.#onWait = options.onWait ?? (() => {});
  }

  /** What is known of the window: requests left, and when it resets (undefined before X has said). */
  get state(): { remaining: number | undefined; resetAt: Date | undefined } {
    return {
      remaining: this.#remaining,
      resetAt: this.#remaining === undefined ? undefined : new Date(this.#resetAt),
    };
  }

  /** Takes a request from the window, waiting for its reset when none is left. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (this.#remaining !== undefined && this.#now() >= this.#resetAt) this.#remaining = undefined;
      if (this.#remaining === undefined || this.#remaining > 0) {
        if (this.#remaining !== undefined) this.#remaining -= 1;
        return;
      }
      // A second past the reset: X's clock and ours may differ by a little.
      const until = this.#resetAt + 1_000;
      if (until > this.#deadline()) {
        throw new Error(
          `X rate limit: no request left until ${new Date(this.#resetAt).toISOString()}, later than the run can wait`,
        );
      }
      this.#onWait(new Date(until));
      await this.#sleep(until - this.#now(), signal);
    }
  }

  /** Learns the window from an answer's headers (a success or an error both carry them). */
  update(headers: Headers | undefined): void {
    const remaining = Number(first(headers?.['x-rate-limit-remaining']));
    const reset = Number(first(headers?.['x-rate-limit-reset'])) * 1000;
    if (!Number.isFinite(remaining) || !Number.isFinite(reset) || reset <= 0) return;
    // The same window: requests still in flight are not in X's count yet, so keep the lower figure.
    this.#remaining =
      reset === this.#resetAt && this.#remaining !== undefined
        ? Math.min(this.#remaining, remaining)
        : remaining;
    this.#resetAt = reset;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
