import type pg from 'pg';
import type { AnalysisHour } from '../analysis/analysis-hour.ts';
import type { SavedLeadLag, TickerAnalysis } from '../analysis/analyze-run.ts';
import type { HourlyReturnRow } from '../analysis/hourly-returns.ts';

/**
 * An hour first loaded more than this long after it ended is late: its posts' engagement (what ranks the top posts
 * and weighs their sentiment) grew after the hour, so it would let the future in. A scheduled run loads within
 * minutes, and catch-up within a few hours; a backfill days later. Sample rows are never late: their engagement is
 * made up, the same whenever they are made (rows of unknown source, from before migration 0011, may be).
 */
export const LATE_AFTER_HOURS = 3;

/** What `stockpipe analyze` reads and saves: a ticker's hours, its results, its aligned series. */
export class PgLeadLag {
  readonly #pool: pg.Pool;
  readonly #ready: () => Promise<void>;

  constructor(pool: pg.Pool, ready: () => Promise<void>) {
    this.#pool = pool;
    this.#ready = ready;
  }

  /** One ticker's loaded hours in [from, to), sorted, each marked late when it was first loaded late. */
  async hours(ticker: string, from: Date, to: Date): Promise<AnalysisHour[]> {
    await this.#ready();
    const { rows } = await this.#pool.query(
      `SELECT s.hour_start, s.open::float8 AS open, s.close::float8 AS close, s.market_closed,
              s.sentiment_score, s.scored_count, s.post_volume,
              COALESCE(s.source IS DISTINCT FROM 'sample'
                       AND l.first_loaded_at > s.hour_start + make_interval(hours => $4 + 1), false) AS late
         FROM stock_performance s
         LEFT JOIN stock_hour_ledger l ON l.ticker = s.ticker AND l.hour_start = s.hour_start
        WHERE s.ticker = $1 AND s.hour_start >= $2 AND s.hour_start < $3
        ORDER BY s.hour_start`,
      [ticker, from, to, LATE_AFTER_HOURS],
    );
    return rows.map((r) => ({
      hourStart: r.hour_start as Date,
      open: r.open as number | null,
      close: r.close as number | null,
      marketClosed: r.market_closed as boolean,
      sentiment: r.sentiment_score as number | null,
      scoredCount: r.scored_count as number,
      postVolume: r.post_volume as number | null,
      late: r.late as boolean,
    }));
  }

  /** The first hour any of the tickers has a row, or null. */
  async firstHour(tickers: readonly string[]): Promise<Date | null> {
    await this.#ready();
    const { rows } = await this.#pool.query(
      'SELECT min(hour_start) AS first FROM stock_performance WHERE ticker = ANY($1)',
      [tickers],
    );
    return (rows[0]?.first as Date | null) ?? null;
  }

  /** A ticker's aligned series over [from, to), replacing what was saved for those hours. */
  async saveSeries(ticker: string, from: Date, to: Date, series: readonly HourlyReturnRow[]): Promise<void> {
    await this.#ready();
    await this.#transaction(async (client) => {
      await client.query(
        'DELETE FROM stock_hourly_returns WHERE ticker = $1 AND hour_start >= $2 AND hour_start < $3',
        [ticker, from, to],
      );
      const column = <T>(pick: (row: HourlyReturnRow) => T) => series.map(pick);
      await client.query(
        `INSERT INTO stock_hourly_returns (ticker, hour_start, session, hour_of_day, log_return, opening_gap,
                sentiment, post_volume, sentiment_lag_1, sentiment_lag_2, sentiment_lag_3)
         SELECT $1, * FROM unnest($2::timestamptz[], $3::date[], $4::smallint[], $5::float8[], $6::float8[],
                $7::float8[], $8::int[], $9::float8[], $10::float8[], $11::float8[])`,
        [
          ticker,
          column((r) => r.hourStart),
          column((r) => r.session),
          column((r) => r.hourOfDay),
          column((r) => r.logReturn),
          column((r) => r.openingGap),
          column((r) => r.sentiment),
          column((r) => r.postVolume),
          column((r) => r.sentimentLags[0]),
          column((r) => r.sentimentLags[1]),
          column((r) => r.sentimentLags[2]),
        ],
      );
    });
  }

  /** The run's results, each replacing what was saved for its ticker: all of them, or none. */
  async saveResults(
    range: { from: Date; to: Date },
    comparisons: number,
    tickers: readonly TickerAnalysis[],
  ): Promise<void> {
    await this.#ready();
    await this.#transaction(async (client) => {
      for (const t of tickers) {
        await client.query(
          `INSERT INTO stock_lead_lag (ticker, range_from, range_to, verdict, hours, underpowered, comparisons, result)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (ticker) DO UPDATE SET
             range_from = EXCLUDED.range_from, range_to = EXCLUDED.range_to, verdict = EXCLUDED.verdict, hours = EXCLUDED.hours, underpowered = EXCLUDED.underpowered,
             comparisons = EXCLUDED.comparisons, result = EXCLUDED.result, computed_at = now()`,
          [
            t.ticker,
            range.from,
            range.to,
            t.verdict,
            t.hours,
            t.underpowered,
            comparisons,
            JSON.stringify(t),
          ],
        );
      }
    });
  }

  /** Each ticker's saved result, with its range and the comparisons it was corrected over. */
  async latest(tickers: readonly string[]): Promise<Map<string, SavedLeadLag>> {
    await this.#ready();
    const { rows } = await this.#pool.query(
      'SELECT ticker, range_from, range_to, comparisons, result FROM stock_lead_lag WHERE ticker = ANY($1)',
      [tickers],
    );
    return new Map(
      rows.map((r) => [
        r.ticker as string,
        {
          analysis: r.result as TickerAnalysis,
          from: r.range_from as Date,
          to: r.range_to as Date,
          comparisons: r.comparisons as number,
        },
      ]),
    );
  }

  async #transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
