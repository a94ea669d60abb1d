import { DAY_MS, HOUR_MS } from '../time/hours.ts';

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

/** The first hour `--days N` covers: the hour N days before `now` (null, every hour, without it). */
export function checkSince(now: Date, days: number | undefined): Date | null {
  if (days === undefined) return null;
  return new Date(Math.floor((now.getTime() - days * DAY_MS) / HOUR_MS) * HOUR_MS);
}
