import type { RawStore } from '../ports.ts';
import { rawKey } from '../raw/raw-key.ts';
import type { StoredPost } from '../records.ts';
import { hourKey } from '../time/hours.ts';

/**
 * The posts of staged search bodies that no post document lists: a ticker-hour that failed after its X body was
 * staged (scoring, storing, loading, a kill, a body the schema refused). Compliance finds posts through the
 * documents, so without this such a body would keep a deleted post until it expires, and a replay or backfill would
 * bring it back. Only those hours' bodies are read: the documents already list every post of the others (cleaning
 * drops duplicates only).
 */
export async function rawOnlyPosts(
  raw: RawStore,
  prefix: string,
  tickers: readonly string[],
  period: { from: Date; to: Date },
  listed: readonly StoredPost[],
): Promise<StoredPost[]> {
  const documented = new Set(listed.map((p) => `${p.ticker}|${hourKey(p.hourStart)}`));
  const found: StoredPost[] = [];
  for (const ticker of tickers) {
    for (const hour of await raw.stagedHours(prefix, ticker, period.from, period.to)) {
      if (documented.has(`${ticker}|${hour}`)) continue;
      const hourStart = new Date(`${hour}:00:00.000Z`);
      const body = await raw.get(rawKey(prefix, ticker, hourStart));
      for (const postId of body ? postIdsOf(body) : []) found.push({ postId, ticker, hourStart });
    }
  }
  return found;
}

/** The ids of a search body's posts, read leniently: a body the schema refused may still hold posts. */
function postIdsOf(body: Uint8Array): string[] {
  try {
    const data = (JSON.parse(new TextDecoder().decode(body)) as { data?: unknown }).data;
    return Array.isArray(data)
      ? data.flatMap((post) => (typeof post?.id === 'string' ? [post.id as string] : []))
      : [];
  } catch {
    return []; // not JSON at all: no id to find in it
  }
}
