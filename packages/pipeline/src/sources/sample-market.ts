import { previousSession, sessionAtOrBefore } from '@stockpipe/shared';
import { unitHash } from './seeded-random.ts';

const HALF_HOUR_MS = 1_800_000;
// A session's close sits within ±3% of the ticker's level, so a day moves open to close by a few per cent.
const CLOSE_SPREAD = 0.03;
const WIGGLE = 0.006;

// Rough price levels so the demo's companies look like themselves; other tickers get one from their name.
const REFERENCE_PRICES: Record<string, number> = { AMZN: 225, AAPL: 270, MSFT: 480, TSLA: 390, NVDA: 180 };

/**
 * A plausible price at any instant, deterministic per ticker. Each trading day has a seeded close; during the
 * session the price travels from the previous session's close to that one, smoothly, with intraday wiggles that
 * vanish at the open and the close; while the market is shut it stays at the last close. So each day opens where
 * the one before closed, over nights, weekends and holidays alike, and neighbouring hours agree.
 */
export function samplePrice(ticker: string, at: number): number {
  const base = REFERENCE_PRICES[ticker] ?? 20 + 580 * unitHash(`${ticker}:base`);
  const session = sessionAtOrBefore(at);
  const close = closeLevel(ticker, session.day);
  if (at >= session.close) return round(base * Math.exp(close));
  const from = closeLevel(ticker, previousSession(session.day).day);
  const t = (at - session.open) / (session.close - session.open);
  const blend = (1 - Math.cos(t * Math.PI)) / 2;
  const wiggle = smoothNoise(`${ticker}:30m`, at, HALF_HOUR_MS) * WIGGLE * Math.sin(t * Math.PI);
  return round(base * Math.exp(from * (1 - blend) + close * blend + wiggle));
}

/** Relative price move over [from, to): what sample posts react to. */
export function sampleMove(ticker: string, from: number, to: number): number {
  return samplePrice(ticker, to) / samplePrice(ticker, from) - 1;
}

/** The log of a session's close against the ticker's level, seeded by its New York date. */
function closeLevel(ticker: string, day: string): number {
  return (unitHash(`${ticker}:close:${day}`) * 2 - 1) * CLOSE_SPREAD;
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

function round(price: number): number {
  return Math.round(price * 100) / 100;
}
