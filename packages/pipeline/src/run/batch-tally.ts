import type { TickerOutcome } from '../run-report.ts';

/** How many items a summary names one by one; the rest are counted, so a command's memory stays flat. */
const NAMED = 20;

/** The first NAMED items of a kind, and how many there were in all. */
export class NamedFew<T> {
  count = 0;
  readonly named: T[] = [];

  add(items: readonly T[]): void {
    this.count += items.length;
    this.named.push(...items.slice(0, Math.max(0, NAMED - this.named.length)));
  }

  /** How many were counted but not named. */
  get unnamed(): number {
    return this.count - this.named.length;
  }
}

export interface HourSpan {
  count: number;
  first: Date;
  last: Date;
}

/** Ticker-hours of one kind (busy, missing, redacted) as a span per ticker: any range fits in memory. */
export class HourSpans {
  readonly #spans = new Map<string, HourSpan>();

  note(ticker: string, hourStart: Date): void {
    const span = this.#spans.get(ticker);
    if (!span) this.#spans.set(ticker, { count: 1, first: hourStart, last: hourStart });
    else {
      span.count += 1;
      if (hourStart < span.first) span.first = hourStart;
      if (hourStart > span.last) span.last = hourStart;
    }
  }

  get total(): number {
    let total = 0;
    for (const span of this.#spans.values()) total += span.count;
    return total;
  }

  entries(): [string, HourSpan][] {
    return [...this.#spans];
  }
}

export type FailedOutcome = Extract<TickerOutcome, { status: 'failed' }>;

/** What a long command's batches came to, kept as counts, spans and the first few failures. */
export class BatchTally {
  loaded = 0;
  rowsChanged = 0;
  readonly failed = new NamedFew<FailedOutcome>();
  /** Ticker-hours another run held past the lock wait: left for a rerun. */
  readonly busy = new HourSpans();

  add(outcomes: readonly TickerOutcome[], rowsChanged = 0): void {
    this.rowsChanged += rowsChanged;
    const failed: FailedOutcome[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'loaded') this.loaded += 1;
      else failed.push(outcome);
    }
    this.failed.add(failed);
  }
}
