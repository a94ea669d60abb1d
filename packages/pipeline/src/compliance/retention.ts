import { HOUR_MS } from '../hours.ts';

const DAY_MS = 24 * HOUR_MS;

/** How many days content is kept: raw bodies, and post documents and top posts. */
export interface Retention {
  rawDays: number;
  postsDays: number;
}

/** The instants before which each kind of content has outlived its retention at `now`. */
export function retentionCutoffs(now: Date, retention: Retention): Record<'raw' | 'posts', Date> {
  return {
    raw: new Date(now.getTime() - retention.rawDays * DAY_MS),
    posts: new Date(now.getTime() - retention.postsDays * DAY_MS),
  };
}

/**
 * The epoch second at which a post document written at `writtenAt` expires: DynamoDB's TTL attribute. Counted from
 * the write, as S3 counts a raw body's age, so a document outlives the body it was read from.
 */
export function expiresAt(writtenAt: Date, days: number): number {
  return Math.floor((writtenAt.getTime() + days * DAY_MS) / 1000);
}

/** The first hour `--days N` covers: the hour N days before `now` (null, every hour, without it). */
export function checkSince(now: Date, days: number | undefined): Date | null {
  if (days === undefined) return null;
  return new Date(Math.floor((now.getTime() - days * DAY_MS) / HOUR_MS) * HOUR_MS);
}
