import type { WatchEntry } from '@stockpipe/shared';
import pLimit from 'p-limit';
import { largest, smallest } from '../extremes.ts';
import { failureReason } from '../failure-reason.ts';
import type { RawStore, VolumeSource } from '../ports.ts';
import { rawKey } from '../raw/raw-key.ts';
import type { SpendGuard } from '../spend/x-spend-guard.ts';
import { readCounts } from '../stages/read-bodies.ts';
import { floorToHour, HOUR_MS, hourLabel } from '../time/hours.ts';
import { keepBodies, reading } from './keep-bodies.ts';

/** The most hours one counts request covers: a week, as far back as X counts. */
export const REQUEST_HOURS = 168;
// X refuses an end_time less than 10 s before the request: an hour is counted once it has been over this long.
const SETTLE_MS = 30_000;
// X refuses a start_time beyond its reach: the first hour asked for is this far inside it, for the time asking takes.
const REACH_MARGIN_MS = 5 * 60_000;
const STAGED_READS = 16;

/** What a command asks of a ticker's hours. */
export interface VolumeAsk {
  entry: WatchEntry;
  hours: readonly Date[];
  /** False for a replay: only staged counts, never the source. */
  fetch: boolean;
  runId: string;
  /** Ends the request in flight: the run's budget, a stop asked for. */
  signal?: AbortSignal;
  /** The month's X budget, asked before a billed request. */
  spend?: SpendGuard;
}

/** A ticker's hours, counted where a body says so, null elsewhere, and what stopped counting, if anything did. */
export interface TickerVolumes {
  volumes: Map<number, number | null>;
  /** Requests made of the source (a week each at most): 0 when what is staged or known already counts the hours. */
  requests: number;
  /**
   * Why hours were not counted that could have been (a request that failed, a body that does not read, the
   * budget), or why hours counted were not kept raw; none when every hour wanted is counted and kept.
   */
  problem?: string;
}

/** What this command knows of one ticker's counts. */
interface Known {
  /** The hour's start (ms) → posts counted, from the bodies read or fetched. */
  counts: Map<number, number>;
  /** The staged bodies read, by their key's hour. */
  read: Set<string>;
  /** The hours the source was asked about, answered or not: never asked again by this command. */
  asked: Set<number>;
}

/**
 * Each ticker-hour's post volume, from X's hourly counts, for one command (a run, a backfill, a replay): never paid
 * twice. The raw store is read first: a counts body is staged under the newest hour it counts, so the bodies that
 * can count an hour H are keyed in [H, H + a week), one listing finds them, and a run's new hour, which none can
 * count yet, costs no read. What is still unknown is asked of the source in one request per ticker: from the
 * first hour wanted to the last hour that is over, up to a week, so later hours of the same command (a backfill's
 * next batches, a catch-up's) are known at no extra cost. Only whole hours that are over are counted, and only
 * those within the source's reach (X: 7 days); the rest stay null. The command remembers what it read and asked,
 * so it asks each hour at most once whatever its batches.
 */
export class PostVolumes {
  /** Where the counts come from: its raw prefix and reach are what a backfill plans with. */
  readonly source: VolumeSource;
  readonly #raw: RawStore;
  readonly #now: () => Date;
  readonly #known = new Map<string, Known>();

  constructor(source: VolumeSource, raw: RawStore, now: () => Date = () => new Date()) {
    this.source = source;
    this.#raw = raw;
    this.#now = now;
  }

  async volumesOf(ask: VolumeAsk): Promise<TickerVolumes> {
    const { entry } = ask;
    const known = this.#knownOf(entry.ticker);
    const wanted = ask.hours.map((h) => h.getTime());
    if (wanted.length === 0) return { volumes: new Map(), requests: 0 };
    const first = smallest(wanted);
    forget(known, first);
    const unknown = () => wanted.filter((h) => !known.counts.has(h));
    let requests = 0;
    let problem: string | undefined;
    let lost = false;
    try {
      if (unknown().length > 0) problem = await this.#readStaged(entry.ticker, known, unknown(), ask.runId);
    } catch (error) {
      // What is staged is not known: asking the source now might pay for it twice.
      return { volumes: volumesOf(wanted, known), requests, problem: failureReason(error) };
    }
    for (;;) {
      const ready = ask.fetch ? this.#askable(unknown(), known) : [];
      if (ready.length === 0) break;
      const from = smallest(ready);
      const to = Math.min(from + REQUEST_HOURS * HOUR_MS, this.#countedUntil());
      for (let h = from; h < to; h += HOUR_MS) known.asked.add(h);
      if (ask.spend && this.source.reach.billed && !(await ask.spend.allowsReading())) {
        problem = ask.spend.reason;
        break;
      }
      requests += 1;
      const fetched = await this.#fetch(ask, known, from, to);
      problem = fetched.problem ?? problem;
      lost ||= fetched.lost;
    }
    const volumes = volumesOf(wanted, known);
    // A body set aside and fetched again, say, is no problem once its hours are counted.
    const uncounted = [...volumes.values()].some((v) => v === null);
    return { volumes, requests, problem: uncounted || lost ? problem : undefined };
  }

  #knownOf(ticker: string): Known {
    let known = this.#known.get(ticker);
    if (!known) {
      known = { counts: new Map(), read: new Set(), asked: new Set() };
      this.#known.set(ticker, known);
    }
    return known;
  }

  /** The staged bodies that may count `hours` and were not read yet, read; one that does not read, set aside. */
  async #readStaged(
    ticker: string,
    known: Known,
    hours: readonly number[],
    runId: string,
  ): Promise<string | undefined> {
    const prefix = this.source.rawPrefix;
    const from = new Date(smallest(hours));
    const to = new Date(largest(hours) + REQUEST_HOURS * HOUR_MS);
    const keyed = await this.#raw.stagedHours(prefix, ticker, from, to);
    const limit = pLimit(STAGED_READS);
    const problems = await Promise.all(
      [...keyed]
        .filter((hour) => !known.read.has(hour))
        .map((hour) =>
          limit(async () => {
            known.read.add(hour);
            const lastHour = new Date(`${hour}:00:00Z`);
            const key = rawKey(prefix, ticker, lastHour);
            const body = await this.#raw.get(key);
            if (!body) return undefined;
            const read = reading(() => readCounts(ticker, lastHour, body));
            if (read.ok) return void learn(known, read.value);
            const response = { body, contentType: 'application/json' };
            await keepBodies(this.#raw, [[{ key, response, fetched: false }, read]], runId);
            return failureReason(read.error);
          }),
        ),
    );
    return problems.find((p) => p !== undefined);
  }

  /** Of `hours`, those the source may be asked about now: not asked yet, and countable. */
  #askable(hours: readonly number[], known: Known): number[] {
    const { from, until } = countableHours(this.#now(), this.source.reach.backMs);
    return hours.filter((h) => !known.asked.has(h) && h >= from && h + HOUR_MS <= until);
  }

  #countedUntil(): number {
    return countableHours(this.#now(), this.source.reach.backMs).until;
  }

  /**
   * Asks for the counts of [from, to), keeps the body raw (or sets it aside), learns them; says what went wrong,
   * and whether counts were lost to a replay (counted, but not kept raw).
   */
  async #fetch(
    ask: VolumeAsk,
    known: Known,
    from: number,
    to: number,
  ): Promise<{ problem?: string; lost: boolean }> {
    const { ticker } = ask.entry;
    const lastHour = new Date(to - HOUR_MS);
    let response: Awaited<ReturnType<VolumeSource['fetchCounts']>>;
    try {
      response = await this.source.fetchCounts(ask.entry, new Date(from), new Date(to), ask.signal);
    } catch (error) {
      return { problem: failureReason(error), lost: false };
    }
    const read = reading(() => readCounts(ticker, lastHour, response.body));
    if (read.ok) learn(known, read.value);
    try {
      const key = rawKey(this.source.rawPrefix, ticker, lastHour);
      await keepBodies(this.#raw, [[{ key, response, fetched: true }, read]], ask.runId);
    } catch (error) {
      // Counted, and paid for: the hours keep their counts, and a replay of them will find none.
      const why = `counts of ${hourLabel(new Date(from))} – ${hourLabel(lastHour)} not kept raw: ${failureReason(error)}`;
      return { problem: why, lost: read.ok };
    }
    return { problem: read.ok ? undefined : failureReason(read.error), lost: false };
  }
}

/**
 * The hours a source reaching `backMs` back (null: any hour) can count at `now`: from the first whole hour inside its
 * reach to the end of the last hour that is over (X's counts of the current hour are not complete).
 */
export function countableHours(now: Date, backMs: number | null): { from: number; until: number } {
  const at = now.getTime();
  return {
    from: backMs === null ? Number.NEGATIVE_INFINITY : at - backMs + REACH_MARGIN_MS,
    until: floorToHour(new Date(at - SETTLE_MS)).getTime(),
  };
}

function learn(known: Known, counts: ReadonlyMap<number, number>): void {
  for (const [hour, count] of counts) known.counts.set(hour, count);
}

/**
 * What is older than `before` will not be asked of again (commands go forward in time): kept, it would grow with a
 * long backfill's range. The hours asked stay: they are at most a week's.
 */
function forget(known: Known, before: number): void {
  for (const hour of known.counts.keys()) if (hour < before) known.counts.delete(hour);
  for (const key of known.read) if (Date.parse(`${key}:00:00Z`) < before) known.read.delete(key);
}

function volumesOf(hours: readonly number[], known: Known): Map<number, number | null> {
  return new Map(hours.map((h) => [h, known.counts.get(h) ?? null]));
}
