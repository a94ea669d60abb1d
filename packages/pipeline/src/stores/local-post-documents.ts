import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import type { Expiring, PostHolder } from '../ports.ts';
import type { HourRemoval, StoredPost } from '../records.ts';
import { hourKey } from '../time/hours.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { documentPath } from './local-document-store.ts';

const FILE = /^hour=(\d{4}-\d\d-\d\dT\d\d)\.json$/;

/**
 * The post documents LocalDocumentStore writes (one JSON array per ticker-hour), as compliance and retention see
 * them: which posts they hold, an hour's file rewritten without the posts that must go, and files past their
 * retention removed (by when they were written, as DynamoDB's TTL counts).
 */
export class LocalPostDocuments implements PostHolder, Expiring {
  readonly what = 'post documents';
  readonly keeps = 'posts';
  readonly #root: string;
  readonly #tmpDir: string | undefined;

  /** `root`: the documents folder; `tmpDir` as LocalDocumentStore's. */
  constructor(root: string, options: { tmpDir?: string } = {}) {
    this.#root = resolve(root);
    this.#tmpDir = options.tmpDir;
  }

  async storedPosts(since: Date | null): Promise<StoredPost[]> {
    const first = since ? hourKey(since) : '';
    const files = (await this.#files()).filter((f) => f.hour >= first);
    const limit = pLimit(32);
    const posts = await Promise.all(
      files.map((f) =>
        limit(async () =>
          (await this.#read(f.path)).map((post) => ({
            postId: post.postId,
            ticker: f.ticker,
            hourStart: new Date(`${f.hour}:00:00Z`),
          })),
        ),
      ),
    );
    return posts.flat();
  }

  async removePosts(removals: readonly HourRemoval[]): Promise<number> {
    let removed = 0;
    for (const { ticker, hourStart, posts } of removals) {
      const path = documentPath(this.#root, 'posts', ticker, hourKey(hourStart));
      const items = await this.#read(path);
      const kept = items.filter((post) => !posts.has(post.postId));
      if (kept.length === items.length) continue;
      // Rewritten, so its time is now: the file outlives the raw body compliance rewrote beside it.
      await writeFileAtomic(path, JSON.stringify(kept), this.#tmpDir);
      removed += items.length - kept.length;
    }
    return removed;
  }

  /** Removes the ticker-hours' post files written before `before`; says how many. */
  async expire(before: Date, { dryRun }: { dryRun: boolean }): Promise<number> {
    const files = await this.#files();
    const limit = pLimit(32);
    const old = await Promise.all(
      files.map((f) =>
        limit(async () => {
          const written = await stat(f.path).then((s) => s.mtimeMs);
          if (written >= before.getTime()) return 0;
          if (!dryRun) await rm(f.path, { force: true });
          return 1;
        }),
      ),
    );
    return old.reduce((sum: number, n) => sum + n, 0);
  }

  async #files(): Promise<{ ticker: string; hour: string; path: string }[]> {
    const postsDir = join(this.#root, 'posts');
    const tickers = (await readdir(postsDir).catch(() => [] as string[])).filter((n) =>
      n.startsWith('ticker='),
    );
    const perTicker = await Promise.all(
      tickers.map(async (folder) =>
        (await readdir(join(postsDir, folder)).catch(() => [] as string[])).flatMap((name) => {
          const hour = FILE.exec(name)?.[1];
          return hour
            ? [{ ticker: folder.slice('ticker='.length), hour, path: join(postsDir, folder, name) }]
            : [];
        }),
      ),
    );
    return perTicker.flat();
  }

  async #read(path: string): Promise<{ postId: string }[]> {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as { postId: string }[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
