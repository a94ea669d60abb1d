import { setTimeout as sleep } from 'node:timers/promises';
import { UncountedFailure } from '../run/uncounted.ts';

type Headers = Record<string, string | string[] | undefined>;

export interface XRateWindowOptions {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** No wait may end after this instant (ms): the run's time budget. */
  deadline?: () => number;
  /** No wait may be longer than this, whatever the deadline (default X_PATIENCE_MS). */
  patienceMs?: number;
  /** Told when requests wait for the window's reset (a backfill shows it). */
  onWait?: (until: Date) => void;
}

/**
 * The longest a command waits for X, budget or none: X's request window is 15 minutes, so a reset further away is
 * no window's (a month away: a usage cap, or a broken proxy) and waiting for it would hold the command for nothing.
 */
const X_PATIENCE_MS = 20 * 60_000;

/** Why a wait until `until` (ms) is not made, at `now`: past the deadline, or past the patience; undefined if it is. */
function waitRefusal(
  until: number,
  now: number,
  deadline: number,
  patienceMs = X_PATIENCE_MS,
): string | undefined {
  if (until > deadline) return 'later than the run can wait';
  if (until - now > patienceMs)
    return `more than ${Math.round(patienceMs / 60_000)} minutes away, longer than stockpipe waits for X`;
  return undefined;
}

/** A wait for X a command will not make: the ticker-hours fail with it, uncounted, and a backfill stops there. */
export class XWaitRefused extends UncountedFailure {
  readonly until: Date;
  constructor(message: string, until: Date) {
    super(message);
    this.until = until;
  }
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
  readonly #patienceMs: number;
  readonly #onWait: (until: Date) => void;
  #refused: XWaitRefused | undefined;

  constructor(options: XRateWindowOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#sleep =
      options.sleep ??
      ((ms, signal) =>
        sleep(ms, undefined, { signal }).catch((error: unknown) => {
          throw signal?.aborted ? signal.reason : error;
        }));
    this.#deadline = options.deadline ?? (() => Number.POSITIVE_INFINITY);
    this.#patienceMs = options.patienceMs ?? X_PATIENCE_MS;
    this.#onWait = options.onWait ?? (() => {});
  }

  /** What is known of the window: requests left, and when it resets (undefined before X has said). */
  get state(): { remaining: number | undefined; resetAt: Date | undefined } {
    return {
      remaining: this.#remaining,
      resetAt: this.#remaining === undefined ? undefined : new Date(this.#resetAt),
    };
  }

  /** The wait it refused, once it has: a command that cannot go on without X stops there. */
  get refused(): XWaitRefused | undefined {
    return this.#refused;
  }

  /** Takes a request from the window, waiting for its reset when none is left (`signal` ends the wait at once). */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (this.#remaining !== undefined && this.#now() >= this.#resetAt) this.#remaining = undefined;
      if (this.#remaining === undefined || this.#remaining > 0) {
        if (this.#remaining !== undefined) this.#remaining -= 1;
        return;
      }
      const resetAt = new Date(this.#resetAt);
      await this.waitFor(resetAt, `X rate limit: no request left until ${resetAt.toISOString()}`, signal);
    }
  }

  /**
   * Waits until a second past `resetAt` (X's clock and ours may differ by a little), told to `onWait`, or refuses
   * at once, with `why` and the bound it is past, a wait beyond the deadline or the patience: the reset of the
   * window, or of a 429 X sent. `signal` ends the wait at once, with its reason.
   */
  async waitFor(resetAt: Date, why: string, signal?: AbortSignal): Promise<void> {
    const until = resetAt.getTime() + 1_000;
    const refusal = waitRefusal(until, this.#now(), this.#deadline(), this.#patienceMs);
    if (refusal) {
      this.#refused = new XWaitRefused(`${why}, ${refusal}`, resetAt);
      throw this.#refused;
    }
    this.#onWait(new Date(until));
    await this.#sleep(Math.max(0, until - this.#now()), signal);
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
