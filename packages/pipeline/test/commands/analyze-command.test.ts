import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, parseConfig } from '@stockpipe/shared';
import { type FreshDatabase, freshDatabase } from '@stockpipe/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisHour } from '../../src/analysis/analysis-hour.ts';
import type { TickerAnalysis } from '../../src/analysis/analyze-run.ts';
import { analyzeCommand } from '../../src/commands/analyze-command.ts';
import { type OpenWarehouse, openWarehouse } from '../../src/stores/open-warehouse.ts';
import { syntheticMarket, syntheticTicker } from '../analysis/synthetic-market.ts';

// `stockpipe analyze` through its real command on a real warehouse (PostgreSQL when DATABASE_URL is set, PGlite
// otherwise): synthetic tickers of known truth are loaded as rows and ledger records, loaded on time, then analysed.
const INDEPENDENT = 10;
const planted: Record<string, AnalysisHour[]> = {
  LEAD: syntheticTicker({ seed: 'cmd-lead', relation: 'lead', persistence: 0.5, strength: 0.5 }),
  FOLLOW: syntheticTicker({ seed: 'cmd-follow', relation: 'follow', persistence: 0.5 }),
  SAME: syntheticTicker({ seed: 'cmd-same', relation: 'same', persistence: 0.5 }),
  CYCLE: syntheticTicker({ seed: 'cmd-cycle', relation: 'none', hourCycle: 0.5, uShape: true }),
  SPIKE: syntheticTicker({ seed: 'cmd-spike', spikeChance: 0.03, drift: 0.003, driftHours: 3 }),
  SPY: syntheticMarket('cmd-spy').hours,
};
for (let i = 0; i < INDEPENDENT; i++)
  planted[`IND${i}`] = syntheticTicker({ seed: `cmd-none-${i}`, relation: 'none', uShape: true });

let database: FreshDatabase;
let open: OpenWarehouse;
let config: Config;

beforeAll(async () => {
  database = await freshDatabase(process.env.DATABASE_URL);
  const dataDir = await mkdtemp(join(tmpdir(), 'stockpipe-analyze-'));
  config = parseConfig({
    DATABASE_URL: database.url,
    STOCKPIPE_DATA_DIR: dataDir,
    STOCKPIPE_WATCHLIST: 'LEAD',
    STOCKPIPE_BENCHMARK: 'SPY',
  });
  // Served, as serve-warehouse does: the command (another opener of the data dir) goes through it.
  open = await openWarehouse({ url: database.url, dataDir, servePort: database.url ? undefined : 0 });
  await open.warehouse.migrate();
  const client = new pg.Client({ connectionString: open.url });
  await client.connect();
  try {
    for (const [ticker, hours] of Object.entries(planted)) await insertHours(client, ticker, hours);
  } finally {
    await client.end();
  }
}, 300_000);
afterAll(async () => {
  await open?.close();
  await database?.drop();
});

/** Rows and ledger records as the job writes them, each hour first loaded five minutes after it ended. */
async function insertHours(client: pg.Client, ticker: string, hours: readonly AnalysisHour[]) {
  const col = <T>(pick: (h: AnalysisHour) => T) => hours.map(pick);
  await client.query(
    `INSERT INTO stock_performance (ticker, hour_start, post_count, scored_count, sentiment_score, positive_count,
            negative_count, neutral_count, mixed_count, market_closed, open, high, low, close, volume, run_id,
            post_volume)
     SELECT $1, h, s, s, score, 0, 0, 0, 0, closed, o, greatest(o, c), least(o, c), c, CASE WHEN closed THEN NULL ELSE 1000 END,
            'synthetic', v
       FROM unnest($2::timestamptz[], $3::int[], $4::float8[], $5::boolean[], $6::numeric[], $7::numeric[], $8::int[])
            AS t(h, s, score, closed, o, c, v)`,
    [
      ticker,
      col((h) => h.hourStart),
      col((h) => h.scoredCount),
      col((h) => (h.sentiment === null ? null : Math.max(-1, Math.min(1, h.sentiment)))),
      col((h) => h.close === null),
      col((h) => h.open),
      col((h) => h.close),
      col((h) => h.postVolume),
    ],
  );
  await client.query(
    `INSERT INTO stock_hour_ledger (ticker, hour_start, state, attempts, failures, first_attempt_at, last_attempt_at,
            run_id, first_loaded_at)
     SELECT $1, h, 'loaded', 1, 0, h + interval '65 minutes', h + interval '65 minutes', 'synthetic',
            h + interval '65 minutes'
       FROM unnest($2::timestamptz[]) AS t(h)`,
    [ticker, col((h) => h.hourStart)],
  );
}

async function analyze(
  extra: { save?: boolean; watchlist?: string; to?: string; includeLate?: boolean } = {},
) {
  let printed = '';
  const code = await analyzeCommand(
    config,
    { maxLag: 6, minScored: 3, json: true, from: '2024-01-01T00:00Z', to: '2024-12-31T23:00Z', ...extra },
    (text) => {
      printed += text;
    },
    new Date('2025-01-02T00:00Z'),
  );
  expect(code).toBe(0);
  return JSON.parse(printed) as { comparisons: number; tickers: (TickerAnalysis & { lateHours: number })[] };
}

describe('stockpipe analyze, on a warehouse of synthetic tickers with known truth', () => {
  let result: Awaited<ReturnType<typeof analyze>>;
  const of = (ticker: string) => result.tickers.find((t) => t.ticker === ticker) as TickerAnalysis;
  beforeAll(async () => {
    result = await analyze({ save: true });
  }, 120_000);

  it('prints the documented JSON shape, corrected over every test of the run; the benchmark is not analysed', () => {
    expect(result.tickers.map((t) => t.ticker)).not.toContain('SPY');
    expect(result.tickers).toHaveLength(5 + INDEPENDENT);
    expect(result.comparisons).toBeGreaterThan((5 + INDEPENDENT) * 13);
    const lead = of('LEAD');
    expect(lead).toMatchObject({ hours: expect.any(Number), verdict: 'leads', underpowered: false });
    expect(lead.crossCorrelation).toHaveLength(13);
    expect(Object.keys(lead.crossCorrelation[0] ?? {})).toEqual(
      expect.arrayContaining(['lag', 'r', 'lo', 'hi', 'n', 'q']),
    );
    expect(Object.keys(lead.granger.sentimentToReturns ?? {})).toEqual(
      expect.arrayContaining(['lags', 'f', 'p', 'q']),
    );
    expect(Object.keys(lead.overnight ?? {})).toEqual(expect.arrayContaining(['n', 'r', 'lo', 'hi']));
    expect(Object.keys(lead.events?.polarity ?? {}).sort()).toEqual(['negative', 'neutral', 'positive']);
  });

  it('finds each planted relation, and r(+1) of the lead near its true 0.387', () => {
    const rPlusOne = of('LEAD').crossCorrelation.find((c) => c.lag === 1)?.r ?? 0;
    expect(Math.abs(rPlusOne - 0.387)).toBeLessThan(0.1);
    expect(of('FOLLOW').verdict).toBe('follows');
    expect(of('SAME').verdict).toBe('moves_with');
    // A daily cycle both series share is removed before any test: no relation at all, not even moving together.
    expect(of('CYCLE').verdict).toBe('no_evidence');
  });

  it('calls at most a few unrelated tickers anything but no_evidence', () => {
    const flagged = result.tickers.filter((t) => t.ticker.startsWith('IND') && t.verdict !== 'no_evidence');
    expect(flagged.length).toBeLessThanOrEqual(2);
  });

  it('finds the drift after positive post-volume spikes, against the benchmark', () => {
    const positive = of('SPIKE').events?.polarity.positive;
    expect(positive?.n).toBeGreaterThan(5);
    expect(positive?.lo.some((lo) => lo !== null && lo > 0)).toBe(true);
  });

  it('saves the results and the aligned series for BI tools, replacing them when run again', async () => {
    await analyze({ save: true });
    const client = new pg.Client({ connectionString: open.url });
    await client.connect();
    try {
      const saved = await client.query('SELECT ticker, verdict FROM stock_lead_lag ORDER BY ticker');
      expect(saved.rows).toHaveLength(5 + INDEPENDENT);
      expect(saved.rows.find((r) => r.ticker === 'LEAD')?.verdict).toBe('leads');
      const lags = await client.query('SELECT count(*)::int AS n FROM bi_lead_lag WHERE "Ticker" = $1', [
        'LEAD',
      ]);
      expect(lags.rows[0].n).toBe(13);
      // A lag never reaches into the session before: the first hour of each session has none.
      const firsts = await client.query(
        `SELECT count(*)::int AS n FROM (
           SELECT "Sentiment 1 hour before" AS lag1,
                  row_number() OVER (PARTITION BY "Ticker", "Session (New York)" ORDER BY "Hour start (UTC)") AS position
             FROM bi_hourly_returns WHERE "Ticker" = 'LEAD') h
          WHERE position = 1 AND lag1 IS NOT NULL`,
      );
      expect(firsts.rows[0].n).toBe(0);
      const series = await client.query(
        `SELECT count(*)::int AS n FROM bi_hourly_returns WHERE "Ticker" = 'LEAD' AND "Log return" IS NOT NULL`,
      );
      expect(series.rows[0].n).toBeGreaterThan(1000);
      // A later save over another range replaces the ticker's result: one row per ticker, as serve refreshes daily.
      await analyze({ save: true, watchlist: 'LEAD', to: '2024-12-30T23:00Z' });
      const again = await client.query('SELECT ticker, range_to FROM stock_lead_lag ORDER BY ticker');
      expect(again.rows).toHaveLength(5 + INDEPENDENT);
      expect(again.rows.find((r) => r.ticker === 'LEAD')?.range_to).toEqual(new Date('2024-12-30T23:00Z'));
    } finally {
      await client.end();
    }
  }, 120_000);

  it('leaves out hours first loaded late, unless asked', async () => {
    const client = new pg.Client({ connectionString: open.url });
    await client.connect();
    try {
      await client.query(
        `UPDATE stock_hour_ledger SET first_loaded_at = hour_start + interval '10 days' WHERE ticker = 'LEAD'`,
      );
      const late = await analyze({ watchlist: 'LEAD' });
      expect(late.tickers.find((t) => t.ticker === 'LEAD')).toMatchObject({ verdict: 'too_few_hours' });
      expect(late.tickers.find((t) => t.ticker === 'LEAD')?.lateHours).toBeGreaterThan(8000);
      // Asked to keep them, it tests them as before.
      const kept = await analyze({ watchlist: 'LEAD', includeLate: true });
      expect(kept.tickers.find((t) => t.ticker === 'LEAD')).toMatchObject({ verdict: 'leads' });
      // Sample rows' engagement is made up whenever they are made: a sample backfill is never late.
      await client.query(`UPDATE stock_performance SET source = 'sample' WHERE ticker = 'LEAD'`);
      const sample = await analyze({ watchlist: 'LEAD' });
      expect(sample.tickers.find((t) => t.ticker === 'LEAD')).toMatchObject({
        verdict: 'leads',
        lateHours: 0,
      });
    } finally {
      await client.query(`UPDATE stock_hour_ledger SET first_loaded_at = hour_start + interval '65 minutes'`);
      await client.query('UPDATE stock_performance SET source = NULL');
      await client.end();
    }
  }, 120_000);

  it('refuses a range that ends before it begins, naming the hours as the flags take them', async () => {
    const refusal = (from: string | undefined) =>
      analyzeCommand(config, { maxLag: 6, minScored: 3, from, to: '2023-06-01T00:00Z' }, () => {});
    await expect(refusal('2023-07-01T00:00Z')).rejects.toThrow(
      '--from: 2023-07-01T00:00Z is after --to 2023-06-01T00:00Z; expected an earlier hour',
    );
    // Without --from, the range begins at the first hour held, which is after this --to.
    await expect(refusal(undefined)).rejects.toThrow(
      /--to: 2023-06-01T00:00Z is before 2024-01-01T\d\d:00Z, the first hour the warehouse holds/,
    );
  });
});
