import { fileURLToPath } from 'node:url';
import type { TopPost, WarehouseRow } from '@stockpipe/shared';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';
import type { ServiceCalls } from '../aws/service-calls.ts';
import type { Warehouse } from '../ports.ts';
import { resource } from '../resources.ts';
import type { HourLock } from './hour-locks.ts';

const MIGRATIONS_DIR = fileURLToPath(resource('migrations'));

// Each column of `stock_performance` the job writes, and the row field it holds: one list makes the upsert, its
// values and the row read back, so a new column is added in one place.
const FIELDS = [
  ['ticker', 'ticker'],
  ['hour_start', 'hourStart'],
  ['post_count', 'postCount'],
  ['scored_count', 'scoredCount'],
  ['sentiment_score', 'sentimentScore'],
  ['sentiment_label', 'sentimentLabel'],
  ['majority_label', 'majorityLabel'],
  ['positive_count', 'positiveCount'],
  ['negative_count', 'negativeCount'],
  ['neutral_count', 'neutralCount'],
  ['mixed_count', 'mixedCount'],
  ['market_closed', 'marketClosed'],
  ['open', 'open'],
  ['high', 'high'],
  ['low', 'low'],
  ['close', 'close'],
  ['volume', 'volume'],
  ['candle_interval', 'candleInterval'],
  ['run_id', 'runId'],
] as const satisfies readonly (readonly [string, keyof WarehouseRow])[];
const COLUMNS = FIELDS.map(([column]) => column);
const DATA_COLUMNS = COLUMNS.filter((c) => c !== 'ticker' && c !== 'hour_start' && c !== 'run_id');
// 19 parameters a row: 1,000 rows stay far below PostgreSQL's 65,535-parameter limit.
const ROWS_PER_STATEMENT = 1_000;

/** A stored row, with the figures SQL derives from its neighbours (migration 0003, `stock_performance_figures`). */
export interface StoredRow extends WarehouseRow {
  /** The close of the last traded hour before this one, at most 96 hours back; null for a closed hour. */
  previousClose: number | null;
  /** The close against `previousClose`, in %, to 4 decimals. */
  changePct: number | null;
  /** The last price known at this hour (its own close when it traded), and the hour it is from. */
  lastClose: number | null;
  lastCloseAt: Date | null;
}

/** `stock_performance` on any PostgreSQL: RDS, a local server, or embedded PGlite behind a loopback socket. */
export class PgWarehouse implements Warehouse {
  readonly #pool: pg.Pool;
  readonly #hourLock: HourLock;
  readonly #calls: ServiceCalls | undefined;
  #migrated: Promise<void> | null = null;

  constructor(pool: pg.Pool, options: { hourLock: HourLock; calls?: ServiceCalls }) {
    this.#pool = pool;
    this.#hourLock = options.hourLock;
    this.#calls = options.calls;
  }

  /** Holds the hour for the run: an advisory lock on a server, the data dir's writer lock when embedded. */
  lockHour(hourStart: Date): Promise<() => Promise<void>> {
    return this.#hourLock.lock(hourStart);
  }

  /**
   * Applies pending migrations once per process, on first use: a run stages its raw data before it needs the
   * database. node-pg-migrate holds an advisory lock, so concurrent jobs apply each migration once.
   */
  migrate(): Promise<void> {
    this.#migrated ??= this.#applyMigrations().catch((error: unknown) => {
      this.#migrated = null;
      throw error;
    });
    return this.#migrated;
  }

  async #applyMigrations(): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await runner({
        dbClient: client,
        dir: MIGRATIONS_DIR,
        direction: 'up',
        migrationsTable: 'stockpipe_migrations',
        log: () => {},
      });
    } finally {
      client.release();
    }
  }

  async upsert(rows: readonly WarehouseRow[], posts: readonly TopPost[] = []): Promise<void> {
    if (rows.length === 0) return;
    await this.migrate();
    const client = await this.#pool.connect();
    this.#calls?.count('postgres');
    try {
      await client.query('BEGIN');
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
        await client.query(upsertStatement(chunk.length), chunk.flatMap(rowValues));
      }
      await replaceTopPosts(client, rows, posts);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Tickers with at least one row in [from, to), alphabetically. */
  async tickersBetween(from: Date, to: Date): Promise<string[]> {
    await this.migrate();
    const { rows } = await this.#pool.query(
      'SELECT DISTINCT ticker FROM stock_performance WHERE hour_start >= $1 AND hour_start < $2 ORDER BY ticker',
      [from, to],
    );
    return rows.map((r) => r.ticker as string);
  }

  /** The most engaged posts of the given tickers in [from, to), most engaged first. */
  async readTopPosts(
    tickers: readonly string[],
    from: Date,
    to: Date,
    perTicker: number,
  ): Promise<TopPost[]> {
    await this.migrate();
    const { rows } = await this.#pool.query(
      `SELECT * FROM (
         SELECT p.*, row_number() OVER (PARTITION BY ticker ORDER BY weight DESC, post_id) AS rank
           FROM stock_posts p
          WHERE ticker = ANY($1) AND hour_start >= $2 AND hour_start < $3
       ) ranked WHERE rank <= $4 ORDER BY ticker, rank`,
      [tickers, from, to, perTicker],
    );
    return rows.map((r) => ({
      ticker: r.ticker,
      hourStart: r.hour_start,
      postId: r.post_id,
      createdAt: r.created_at,
      authorId: r.author_id,
      lang: r.lang,
      text: r.text,
      engagement: { likes: r.likes, reposts: r.reposts, replies: r.replies, quotes: r.quotes },
      weight: r.weight,
      sentimentLabel: r.sentiment_label,
      sentimentScore: r.sentiment_score,
      runId: r.run_id,
    }));
  }

  /** Rows of the given tickers in [from, to), oldest first, with their derived figures. */
  async read(tickers: readonly string[], from: Date, to: Date): Promise<StoredRow[]> {
    await this.migrate();
    const { rows } = await this.#pool.query(
      `SELECT * FROM stock_performance_figures
        WHERE ticker = ANY($1) AND hour_start >= $2 AND hour_start < $3
        ORDER BY ticker, hour_start`,
      [tickers, from, to],
    );
    return rows.map(fromDatabase);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

/**
 * Insert, or update only when something changed: a rerun that finds the same data leaves the row untouched,
 * run id and load time included, so reruns converge to identical rows.
 */
function upsertStatement(rowCount: number): string {
  const width = COLUMNS.length;
  const values = Array.from(
    { length: rowCount },
    (_, r) => `(${COLUMNS.map((_, c) => `$${r * width + c + 1}`).join(', ')})`,
  ).join(',\n');
  return `INSERT INTO stock_performance (${COLUMNS.join(', ')})
VALUES ${values}
ON CONFLICT (ticker, hour_start) DO UPDATE SET
  ${[...DATA_COLUMNS, 'run_id'].map((c) => `${c} = EXCLUDED.${c}`).join(',\n  ')},
  loaded_at = now()
WHERE (${DATA_COLUMNS.map((c) => `stock_performance.${c}`).join(', ')})
  IS DISTINCT FROM (${DATA_COLUMNS.map((c) => `EXCLUDED.${c}`).join(', ')})`;
}

/**
 * The loaded hours' posts become exactly `posts`: unchanged posts stay untouched (run id included), changed ones
 * are updated, new ones inserted, and posts that left the top are removed. A rerun converges to the same rows.
 */
async function replaceTopPosts(
  client: pg.PoolClient,
  rows: readonly WarehouseRow[],
  posts: readonly TopPost[],
) {
  await client.query(
    `DELETE FROM stock_posts p
      USING unnest($1::text[], $2::timestamptz[]) AS loaded(ticker, hour_start)
      WHERE p.ticker = loaded.ticker AND p.hour_start = loaded.hour_start
        AND NOT (p.ticker || '|' || p.post_id = ANY($3::text[]))`,
    [rows.map((r) => r.ticker), rows.map((r) => r.hourStart), posts.map((p) => `${p.ticker}|${p.postId}`)],
  );
  if (posts.length === 0) return;
  const columns = POST_COLUMNS.join(', ');
  const changed = POST_COLUMNS.filter((c) => !['ticker', 'hour_start', 'post_id', 'run_id'].includes(c));
  await client.query(
    `INSERT INTO stock_posts (${columns})
     SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::timestamptz[], $5::text[], $6::text[],
                          $7::text[], $8::int[], $9::int[], $10::int[], $11::int[], $12::float8[], $13::text[],
                          $14::float8[], $15::text[])
     ON CONFLICT (ticker, hour_start, post_id) DO UPDATE SET
       ${[...changed, 'run_id'].map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
     WHERE (${changed.map((c) => `stock_posts.${c}`).join(', ')}) IS DISTINCT FROM (${changed.map((c) => `EXCLUDED.${c}`).join(', ')})`,
    [
      posts.map((p) => p.ticker),
      posts.map((p) => p.hourStart),
      posts.map((p) => p.postId),
      posts.map((p) => p.createdAt),
      posts.map((p) => p.authorId),
      posts.map((p) => p.lang),
      posts.map((p) => p.text),
      posts.map((p) => p.engagement.likes),
      posts.map((p) => p.engagement.reposts),
      posts.map((p) => p.engagement.replies),
      posts.map((p) => p.engagement.quotes),
      posts.map((p) => p.weight),
      posts.map((p) => p.sentimentLabel),
      posts.map((p) => p.sentimentScore),
      posts.map((p) => p.runId),
    ],
  );
}

const POST_COLUMNS = [
  'ticker',
  'hour_start',
  'post_id',
  'created_at',
  'author_id',
  'lang',
  'text',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'weight',
  'sentiment_label',
  'sentiment_score',
  'run_id',
];

function rowValues(row: WarehouseRow): unknown[] {
  return FIELDS.map(([, field]) => row[field]);
}

// numeric and bigint arrive as strings from pg: exact on the wire, numbers here.
const numberOrNull = (value: string | number | null): number | null =>
  value === null ? null : Number(value);

const NUMERIC = new Set<string>(['open', 'high', 'low', 'close', 'volume']);

function fromDatabase(r: Record<string, unknown>): StoredRow {
  const row = Object.fromEntries(
    FIELDS.map(([column, field]) => [
      field,
      NUMERIC.has(column) ? numberOrNull(r[column] as string | null) : r[column],
    ]),
  ) as WarehouseRow;
  return {
    ...row,
    previousClose: numberOrNull(r.previous_close as string | null),
    changePct: numberOrNull(r.change_pct as string | null),
    lastClose: numberOrNull(r.last_close as string | null),
    lastCloseAt: r.last_close_at as Date | null,
  };
}
