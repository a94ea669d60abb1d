import type pg from 'pg';
import type { Expiring, PostHolder } from '../ports.ts';
import type { HourRemoval, StoredPost } from '../records.ts';

/**
 * The warehouse's top posts (`stock_top_posts`) as compliance and retention see them: which posts it keeps, rows
 * deleted by key, and the rows loaded longer ago than the posts' retention dropped (counted from the load, as S3
 * and DynamoDB count a body's and a document's). The hour's row in `stock_performance` (counts and score) stays:
 * it holds no content.
 */
export class PgTopPosts implements PostHolder, Expiring {
  readonly what = 'top posts';
  readonly keeps = 'posts';
  readonly #pool: pg.Pool;
  readonly #ready: () => Promise<void>;

  /** `ready`: the warehouse's migrations, applied before the first query. */
  constructor(pool: pg.Pool, ready: () => Promise<void>) {
    this.#pool = pool;
    this.#ready = ready;
  }

  async storedPosts(since: Date | null): Promise<StoredPost[]> {
    await this.#ready();
    const { rows } = await this.#pool.query(
      'SELECT post_id, ticker, hour_start FROM stock_top_posts WHERE $1::timestamptz IS NULL OR hour_start >= $1',
      [since],
    );
    return rows.map((r) => ({ postId: r.post_id, ticker: r.ticker, hourStart: r.hour_start }));
  }

  async removePosts(removals: readonly HourRemoval[]): Promise<number> {
    const keys = removals.flatMap(({ ticker, hourStart, posts }) =>
      [...posts.keys()].map((postId) => ({ ticker, hourStart, postId })),
    );
    if (keys.length === 0) return 0;
    await this.#ready();
    const { rowCount } = await this.#pool.query(
      `DELETE FROM stock_top_posts p
        USING unnest($1::text[], $2::timestamptz[], $3::text[]) AS gone(ticker, hour_start, post_id)
        WHERE p.ticker = gone.ticker AND p.hour_start = gone.hour_start AND p.post_id = gone.post_id`,
      [keys.map((k) => k.ticker), keys.map((k) => k.hourStart), keys.map((k) => k.postId)],
    );
    return rowCount ?? 0;
  }

  /** Top posts last loaded before `before`. */
  async expire(before: Date, { dryRun }: { dryRun: boolean }): Promise<number> {
    await this.#ready();
    const { rows, rowCount } = await this.#pool.query(
      dryRun
        ? 'SELECT count(*)::int AS n FROM stock_top_posts WHERE loaded_at < $1'
        : 'DELETE FROM stock_top_posts WHERE loaded_at < $1',
      [before],
    );
    return dryRun ? (rows[0]?.n as number) : (rowCount ?? 0);
  }
}
