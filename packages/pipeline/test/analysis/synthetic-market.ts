// Seeded synthetic tickers on the real NYSE calendar, with a relation between sentiment and returns planted (or
// not): the truth the analysis must find. Sentiment is an AR(1) state over every hour, open or closed; returns
// exist in traded hours only, with a U-shaped volatility over the day.
import type { AnalysisHour } from '../../src/analysis/analysis-hour.ts';
import { type SessionHours, sessionsBetween } from '../../src/analysis/session-hours.ts';
import { seededRandom } from '../../src/sources/seeded-random.ts';

const HOUR_MS = 3_600_000;

type Relation = 'none' | 'lead' | 'follow' | 'same';

export interface SyntheticSpec {
  seed: string;
  from?: string;
  to?: string;
  relation?: Relation;
  /** Sentiment's hour-to-hour persistence. */
  persistence?: number;
  /** Sentiment state shock sd. */
  sentimentShock?: number;
  /** Return sd (before the day's U shape). */
  returnSd?: number;
  /** The planted effect's size, as the share of the affected series' shock sd it moves per sd of the cause. */
  strength?: number;
  /** The same hour-of-day cycle in both series' means, unrelated otherwise. */
  hourCycle?: number;
  /** U-shaped intraday volatility (the open and close hours louder). */
  uShape?: boolean;
  /** Chance a traded hour is a post-volume spike, half positive half negative, followed by a drift. */
  spikeChance?: number;
  /** Drift per traded hour after a spike, in the spike's direction, for `driftHours` hours. */
  drift?: number;
  driftHours?: number;
  /** The market's return of each traded hour (its start, ms): the ticker moves with it one for one. */
  market?: ReadonlyMap<number, number>;
  /** Chance an hour was never loaded. */
  missingChance?: number;
}

const ONE_YEAR = { from: '2024-01-01T00:00Z', to: '2025-01-01T00:00Z' };

const sessionCache = new Map<string, Map<number, { position: number; session: SessionHours }>>();

/** Traded hours of [from, to): hour start → its position in its session. */
function tradedHours(from: string, to: string) {
  const key = `${from}/${to}`;
  let found = sessionCache.get(key);
  if (!found) {
    found = new Map();
    for (const session of sessionsBetween(Date.parse(from), Date.parse(to))) {
      for (const [position, at] of session.hours.entries()) found.set(at, { position, session });
    }
    sessionCache.set(key, found);
  }
  return found;
}

/** A standard normal draw (Box–Muller) from a seeded uniform source. */
function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** The market's own hourly returns and its hours (a benchmark such as SPY). */
export function syntheticMarket(seed: string, from = ONE_YEAR.from, to = ONE_YEAR.to) {
  const random = seededRandom(seed);
  const returns = new Map<number, number>();
  for (const at of tradedHours(from, to).keys()) returns.set(at, 0.002 * normal(random.next));
  return { returns, hours: syntheticTicker({ seed: `${seed}-own`, from, to, returnSd: 0, market: returns }) };
}

export function syntheticTicker(spec: SyntheticSpec): AnalysisHour[] {
  const from = spec.from ?? ONE_YEAR.from;
  const to = spec.to ?? ONE_YEAR.to;
  const random = seededRandom(spec.seed);
  const gauss = () => normal(random.next);
  const rho = spec.persistence ?? 0.5;
  const shock = spec.sentimentShock ?? 0.2;
  const returnSd = spec.returnSd ?? 0.004;
  const strength = spec.strength ?? 0.5;
  const levelSd = shock / Math.sqrt(1 - rho * rho);
  const traded = tradedHours(from, to);
  const hours: AnalysisHour[] = [];
  let level = 0;
  let price = 100;
  let previous: { session: SessionHours; ret: number; level: number } | null = null;
  let drift = 0;
  let driftLeft = 0;
  for (let at = Date.parse(from); at < Date.parse(to); at += HOUR_MS) {
    const slot = traded.get(at);
    // The cycle follows the New York clock, as the market's and its US posters' days do.
    const cycle = spec.hourCycle && slot ? spec.hourCycle * Math.cos((2 * Math.PI * slot.position) / 7) : 0;
    const before = previous && slot && previous.session === slot.session ? previous : null;
    let ret = 0;
    if (slot) {
      const loud = spec.uShape ? 1 + 0.8 * ((slot.position - 3) / 3) ** 2 : 1;
      ret = returnSd * loud * gauss() + (spec.market?.get(at) ?? 0) + cycle * returnSd;
      if (spec.relation === 'lead' && before) ret += ((strength * returnSd) / levelSd) * before.level;
      if (driftLeft > 0) {
        ret += drift;
        driftLeft--;
      }
    }
    level = rho * level + shock * gauss();
    if (spec.relation === 'follow' && before) level += ((strength * shock) / returnSd) * before.ret;
    if (spec.relation === 'same' && slot) level += ((strength * shock) / returnSd) * ret;
    let sentiment = level + cycle;
    let postVolume = Math.round(20 * Math.exp(0.15 * gauss()));
    let scoredCount = random.int(0, 12);
    if (slot && spec.spikeChance && random.chance(spec.spikeChance)) {
      scoredCount = random.int(5, 40);
      const sign = random.chance(0.5) ? 1 : -1;
      sentiment = 0.6 * sign;
      postVolume *= 10;
      drift = sign * (spec.drift ?? 0.002);
      driftLeft = spec.driftHours ?? 3;
    }
    if (slot) {
      const open = slot.position === 0 ? price * Math.exp(0.003 * gauss()) : price;
      price = open * Math.exp(ret);
      previous = { session: slot.session, ret, level };
      if (!random.chance(spec.missingChance ?? 0.01)) {
        hours.push(hour(at, open, price, sentiment, postVolume, scoredCount));
      }
    } else if (!random.chance(spec.missingChance ?? 0.01)) {
      hours.push(hour(at, null, null, sentiment, postVolume, scoredCount));
    }
  }
  return hours;
}

function hour(
  at: number,
  open: number | null,
  close: number | null,
  sentiment: number,
  postVolume: number,
  scoredCount: number,
): AnalysisHour {
  return {
    hourStart: new Date(at),
    open,
    close,
    marketClosed: open === null,
    sentiment,
    scoredCount,
    postVolume,
    late: false,
  };
}
