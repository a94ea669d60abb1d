import { unitHash } from './seeded-random.ts';

const HALF_HOUR_MS = 1_800_000;
const DAY_MS = 86_400_000;

// Rough price levels so the demo's companies look like themselves; other tickers get one from their name.
const REFERENCE_PRICES: Record<string, number> = { AMZN: 225, AAPL: 270, MSFT: 480, TSLA: 390, NVDA: 180 };

const newYorkClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** True when a US equity trades at this instant: 09:30–16:00 New York time on weekdays (holidays ignored). */
export function isRegularSession(at: number): boolean {
  const parts = Object.fromEntries(newYorkClock.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  if (parts.weekday === 'Sat' || parts.weekday === 'Sun') return false;
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  return minutes >= 9 * 60 + 30 && minutes < 16 * 60;
}

/** The 30-minute bar starts of the regular session in [from, to). */
export function sessionBarStarts(from: number, to: number): number[] {
  const starts: number[] = [];
  for (let at = Math.ceil(from / HALF_HOUR_MS) * HALF_HOUR_MS; at < to; at += HALF_HOUR_MS) {
    if (isRegularSession(at)) starts.push(at);
  }
  return starts;
}

/**
 * A plausible price at any instant, deterministic per ticker: a slow daily drift plus intraday wiggles,
 * each smoothly interpolated between seeded knots, so neighbouring hours agree and reruns match.
 */
export function samplePrice(ticker: string, at: number): number {
  const base = REFERENCE_PRICES[ticker] ?? 20 + 580 * unitHash(`${ticker}:base`);
  const daily = smoothNoise(`${ticker}:day`, at, DAY_MS) * 0.08;
  const intraday = smoothNoise(`${ticker}:30m`, at, HALF_HOUR_MS) * 0.006;
  return Math.round(base * Math.exp(daily + intraday) * 100) / 100;
}

/** Relative price move over [from, to): what sample posts react to. */
export function sampleMove(ticker: string, from: number, to: number): number {
  return samplePrice(ticker, to) / samplePrice(ticker, from) - 1;
}

// Value noise in [-1, 1]: seeded values at every `period`, cosine-interpolated between them.
function smoothNoise(seed: string, at: number, period: number): number {
  const knot = Math.floor(at / period);
  const t = (at - knot * period) / period;
  const a = unitHash(`${seed}:${knot}`) * 2 - 1;
  const b = unitHash(`${seed}:${knot + 1}`) * 2 - 1;
  const blend = (1 - Math.cos(t * Math.PI)) / 2;
  return a * (1 - blend) + b * blend;
}
