import { unitHash } from './seeded-random.ts';

const HALF_HOUR_MS = 1_800_000;
const DAY_MS = 86_400_000;

// Rough price levels so the demo's companies look like themselves; other tickers get one from their name.
const REFERENCE_PRICES: Record<string, number> = { AMZN: 225, AAPL: 270, MSFT: 480, TSLA: 390, NVDA: 180 };

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
