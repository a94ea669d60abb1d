import { join, resolve } from 'node:path';
import type { DocumentStore, TickerDocuments } from '../ports.ts';
import type { Candle, ScoredPost } from '../records.ts';
import { hourKey } from '../time/hours.ts';
import { writeFileIfChanged } from './atomic-file.ts';

/**
 * Posts and prices as JSON documents under the data dir, one file per ticker-hour, keyed as in DynamoDB
 * (posts: ticker + `hour#postId`; prices: ticker + hour), so a rerun of the hour overwrites its file.
 */
export class LocalDocumentStore implements DocumentStore {
  readonly #root: string;
  readonly #tmpDir: string | undefined;

  /** `tmpDir`: where writes are prepared before they are renamed into place (default: beside each file). */
  constructor(root: string, options: { tmpDir?: string } = {}) {
    this.#root = resolve(root);
    this.#tmpDir = options.tmpDir;
  }

  async putAll(documents: readonly TickerDocuments[]): Promise<Map<TickerDocuments, Error>> {
    const failures = new Map<TickerDocuments, Error>();
    await Promise.all(
      documents.map(async (document) => {
        const { ticker, hourStart, posts, candle } = document;
        try {
          await Promise.all([this.#putPosts(ticker, hourStart, posts), this.#putPrice(candle)]);
        } catch (error) {
          failures.set(document, error as Error);
        }
      }),
    );
    return failures;
  }

  async #putPosts(ticker: string, hourStart: Date, posts: readonly ScoredPost[]): Promise<void> {
    const hour = hourKey(hourStart);
    const items = posts.map((post) => ({ sk: `${hour}#${post.postId}`, ...post }));
    await writeFileIfChanged(this.#path('posts', ticker, hour), JSON.stringify(items), this.#tmpDir);
  }

  async #putPrice(candle: Candle): Promise<void> {
    const hour = hourKey(candle.hourStart);
    await writeFileIfChanged(
      this.#path('prices', candle.ticker, hour),
      JSON.stringify({ ...candle, hour }),
      this.#tmpDir,
    );
  }

  #path(kind: 'posts' | 'prices', ticker: string, hour: string): string {
    return documentPath(this.#root, kind, ticker, hour);
  }
}

/** `posts/ticker=AMZN/hour=2026-11-28T16.json`: one file per kind and ticker-hour under the documents folder. */
export function documentPath(root: string, kind: 'posts' | 'prices', ticker: string, hour: string): string {
  return join(root, kind, `ticker=${ticker}`, `hour=${hour}.json`);
}
