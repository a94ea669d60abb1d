import type pg from 'pg';
import type { ServiceCalls } from '../aws/service-calls.ts';
import { largest, smallest } from '../extremes.ts';
import type {
  HeldHours,
  LoadBatch,
  Refusal,
  WarehouseLoad,
  WarehouseReader,
  WarehouseWriter,
} from '../ports.ts';
import type { LedgerEntry, LedgerRecord, StoredRow, TopPost, WarehouseRow } from '../records.ts';
import { HOUR_MS } from '../time/hours.ts';
import type { HourLock } from './hour-locks.ts';
import { PgLeadLag } from './pg-lead-lag.ts';
import { LEDGER_QUERY, ledgerRecordOf, recordAttempts } from './pg-ledger.ts';
import { applyMigrations } from './pg-migrations.ts';
import { answered, writeAccepted } from './pg-refusals.ts';
import { PgTopPosts } from './pg-top-posts.ts';
import { coverTradedHours } from './pg-traded-hours.ts';
import { stockPerformance, stockTopPosts } from './warehouse-tables.ts';

/** The warehouse on any PostgreSQL: RDS, a local server, or embedded PGlite behind a loopback socket. */
export class PgWarehouse implements WarehouseWriter, WarehouseReader {
  readonly #pool: pg.Pool;
  readonly #hourLock: HourLock;
  readonly #calls: ServiceCalls | undefined;
  #migrated: Promise<void> | null = null;
  /** The top posts as compliance and retention see them: listed, removed, expired. */
  readonly topPostStore: PgTopPosts;
  /** What `stockpipe analyze` reads and saves. */
  readonly leadLag: PgLeadLag;

  constructor(pool: pg.Pool, options: { hourLock: HourLock; calls?: ServiceCalls }) {
    this.#pool = pool;
    this.#hourLock = options.hourLock;
    this.#calls = options.calls;
    this.topPostStore = new PgTopPosts(pool, () => this.migrate());
    this.leadLag = new PgLeadLag(pool, () => this.migrate());
  }

  /** Hours for a run: advisory locks on a server, the data dir's writer lock when embedded. */
  lockHours(hours: readonly Date[], options: { waitFor?: Date } = {}): Promise<HeldHours> {
    return this.#hourLock.lock(hours, options);
  }

  /** Migrations, once per process and on first use: a run stages its raw data before it needs the database. */
  migrate(): Promise<void> {
    this.#migrated ??= applyMigrations(this.#pool)
      .then(() => this.#coverHeldHours())
      .catch((error: unknown) => {
        this.#migrated = null;
        throw error;
      });
    return this.#migrated;
  }

  /**
   * Rows loaded before migration 0010, or by an older job, get their traded hours too. Loads cover their own hours,
   * so only the ends beyond what the table covers can lack them: a start reads two bounds and usually writes nothing.
   */
  async #coverHeldHours(): Promise<void> {
    const { rows } = await this.#pool.query(
      `SELECT (SELECT min(hour_start) FROM stock_performance) AS first,
              (SELECT max(hour_start) FROM stock_performance) AS last,
              (SELECT min(hour_start) FROM nyse_traded_hours) AS covered_from,
              (SELECT max(hour_start) FROM nyse_traded_hours) AS covered_to`,
    );
    const { first, last, covered_from, covered_to } = rows[0] as Record<string, Date | null>;
    if (!first || !last) return;
    const end = new Date(last.getTime() + HOUR_MS);
    if (!covered_from || !covered_to) return coverTradedHours(this.#pool, first, end);
    if (first < covered_from) await coverTradedHours(this.#pool, first, covered_from);
    const after = new Date(covered_to.getTime() + HOUR_MS);
    if (after < end) await coverTradedHours(this.#pool, after, end);
  }

  async load(
    { rows, posts, ledger }: LoadBatch,
    options: { signal?: AbortSignal } = {},
  ): Promise<WarehouseLoad> {
    if (rows.length === 0 && ledger.length === 0) return { rowsChanged: 0, refused: [] };
    await this.migrate();
    options.signal?.throwIfAborted();
    const client = await this.#pool.connect();
    this.#calls?.count('postgres');
    // Past the run's budget, the connection is cut: whatever the database is doing, the run ends with what it has.
    const cut = () => client.connection.stream.destroy();
    options.signal?.addEventListener('abort', cut, { once: true });
    let broken: unknown;
    try {
      // Before the transaction, committed alone: concurrent loads of the same hours do not wait on each other.
      if (rows.length > 0) {
        const times = rows.map((r) => r.hourStart.getTime());
        await coverTradedHours(client, new Date(smallest(times)), new Date(largest(times) + HOUR_MS));
      }
      await client.query('BEGIN');
      const postsOf = groupBy(posts, (p) => hourOf(p));
      const { changed, refused } = await writeAccepted(client, rows, async (some) => {
        // The upsert touches only rows whose data changed: its count says how many did.
        const rowsChanged = (await client.query(stockPerformance.upsert(some))).rowCount ?? 0;
        const theirPosts = some.flatMap((r) => postsOf.get(hourOf(r)) ?? []);
        await keepOnly(client, some, theirPosts);
        if (theirPosts.length > 0) await client.query(stockTopPosts.upsert(theirPosts));
        return rowsChanged;
      });
      const refusals = refused.map(({ item, reason }) => ({
        ticker: item.ticker,
        hourStart: item.hourStart,
        reason,
      }));
      await recordAttempts(client, withRefusals(ledger, refusals));
      await client.query('COMMIT');
      return { rowsChanged: changed, refused: refusals };
    } catch (error) {
      broken = error;
      // The database answered with an error: it can roll back. A connection cut, silent or timed out is dropped
      // instead (a ROLLBACK would wait on it again), and the server rolls back what it held when it notices.
      if (answered(error) && !options.signal?.aborted) await client.query('ROLLBACK').catch(() => {});
      throw options.signal?.aborted ? options.signal.reason : error;
    } finally {
      options.signal?.removeEventListener('abort', cut);
      client.release(broken !== undefined && !answered(broken) ? (broken as Error) : undefined);
    }
  }

  async rows(tickers: readonly string[], from: Date, to: Date): Promise<StoredRow[]> {
    await this.migrate();
    // The view froze its column list when 0003 made it: a column added since is read from the table beside it.
    const { rows } = await this.#pool.query(
      `SELECT f.*, s.sentiment_weight, s.post_volume, s.source FROM stock_performance_figures f
         JOIN stock_performance s ON s.ticker = f.ticker AND s.hour_start = f.hour_start
        WHERE f.ticker = ANY($1) AND f.hour_start >= $2 AND f.hour_start < $3
        ORDER BY f.ticker, f.hour_start`,
      [tickers, from, to],
    );
    return rows.map((row) => stockPerformance.read(row));
  }

  async topPosts(
    tickers: readonly string[],
    from: Date,
    to: Date,
    perTicker: number,
    perDay: number | null = null,
  ): Promise<TopPost[]> {
    await this.migrate();
    const { rows } = await this.#pool.query(
      `SELECT * FROM (
         SELECT d.*, row_number() OVER (PARTITION BY ticker ORDER BY weight DESC, post_id) AS rank
           FROM (
             SELECT p.*, row_number() OVER (
                      PARTITION BY ticker, date_trunc('day', hour_start AT TIME ZONE 'UTC')
                      ORDER BY weight DESC, post_id) AS day_rank
               FROM stock_top_posts p
              WHERE ticker = ANY($1) AND hour_start >= $2 AND hour_start < $3
           ) d
          WHERE $5::int IS NULL OR day_rank <= $5
       ) ranked WHERE rank <= $4 ORDER BY ticker, rank`,
      [tickers, from, to, perTicker, perDay],
    );
    return rows.map((row) => stockTopPosts.read(row));
  }

  async tickersWithRows(from: Date, to: Date): Promise<string[]> {
    await this.migrate();
    const { rows } = await this.#pool.query(
      'SELECT DISTINCT ticker FROM stock_performance WHERE hour_start >= $1 AND hour_start < $2 ORDER BY ticker',
      [from, to],
    );
    return rows.map((r) => r.ticker as string);
  }

  async ledger(tickers: readonly string[], from: Date, to: Date): Promise<LedgerRecord[]> {
    await this.migrate();
    const { rows } = await this.#pool.query(LEDGER_QUERY, [tickers, from, to]);
    return rows.map(ledgerRecordOf);
  }

  async firstRecorded(tickers: readonly string[]): Promise<Map<string, Date>> {
    await this.migrate();
    const { rows } = await this.#pool.query(
      'SELECT ticker, min(hour_start) AS first FROM stock_hour_ledger WHERE ticker = ANY($1) GROUP BY ticker',
      [tickers],
    );
    return new Map(rows.map((r) => [r.ticker as string, r.first as Date]));
  }

  savedLeadLag(tickers: readonly string[]) {
    return this.leadLag.latest(tickers);
  }

  async lastRecorded(tickers: readonly string[]): Promise<Date | null> {
    await this.migrate();
    const { rows } = await this.#pool.query(
      'SELECT max(hour_start) AS last FROM stock_hour_ledger WHERE ticker = ANY($1)',
      [tickers],
    );
    return (rows[0]?.last as Date | null) ?? null;
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

/**
 * The loaded hours keep exactly the posts loaded with them: posts that left an hour's top are removed (the upsert
 * then adds and updates the rest), so a rerun converges to the same rows.
 */
async function keepOnly(client: pg.PoolClient, rows: readonly WarehouseRow[], posts: readonly TopPost[]) {
  // An anti-join on the kept keys, which PostgreSQL hashes: a batch of thousands of posts stays one quick pass.
  await client.query(
    `DELETE FROM stock_top_posts p
      USING unnest($1::text[], $2::timestamptz[]) AS loaded(ticker, hour_start)
      WHERE p.ticker = loaded.ticker AND p.hour_start = loaded.hour_start
        AND NOT EXISTS (
          SELECT 1 FROM unnest($3::text[], $4::timestamptz[], $5::text[]) AS kept(ticker, hour_start, post_id)
           WHERE kept.ticker = p.ticker AND kept.hour_start = p.hour_start AND kept.post_id = p.post_id)`,
    [
      rows.map((r) => r.ticker),
      rows.map((r) => r.hourStart),
      posts.map((p) => p.ticker),
      posts.map((p) => p.hourStart),
      posts.map((p) => p.postId),
    ],
  );
}

const hourOf = (r: { ticker: string; hourStart: Date }) => `${r.ticker}@${r.hourStart.getTime()}`;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** The ledger as the load ended: a refused row's ticker-hour failed at load, with what the database said. */
function withRefusals(ledger: readonly LedgerEntry[], refused: readonly Refusal[]): LedgerEntry[] {
  if (refused.length === 0) return [...ledger];
  const why = new Map(refused.map((r) => [hourOf(r), r.reason]));
  return ledger.map((entry) => {
    const reason = why.get(hourOf(entry));
    return reason === undefined ? entry : { ...entry, failure: { stage: 'load', reason, counts: true } };
  });
}
