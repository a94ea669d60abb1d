import type { RawStore } from '../ports.ts';
import { rawKey, redactionKey } from '../raw/raw-key.ts';
import type { HourRemoval } from '../records.ts';
import { redactSearchBody } from './redact-search-body.ts';
import { withRedactions } from './redaction-record.ts';

/** What cleaning one raw body did. */
export interface RawCleaning {
  /** 1 when the body was rewritten, 0 when it held none of the posts (or is gone). */
  bodies: number;
  posts: number;
  /** Authors' `includes.users` entries that went with their posts. */
  authors: number;
  /** Older versions of the body deleted (a versioned bucket). */
  versions: number;
}

/**
 * One ticker-hour's staged search body without the posts X says must go: the redaction record beside it first (so
 * a body that lost posts always says so, even when the run stops between the two writes), then the body rewritten,
 * then every older version of it deleted, also when the body was clean already (a run stopped after the rewrite
 * left them). Each step finds its work done when run again.
 */
export async function cleanRawBody(
  raw: RawStore,
  postsPrefix: string,
  removal: HourRemoval,
  runId: string,
  at: Date,
): Promise<RawCleaning> {
  const key = rawKey(postsPrefix, removal.ticker, removal.hourStart);
  const body = await raw.get(key);
  const redacted = body ? redactSearchBody(body, new Set(removal.posts.keys())) : null;
  if (redacted) {
    const recordKey = redactionKey(key);
    const record = withRedactions(await raw.get(recordKey), redacted.removed, removal.posts, at);
    if (record) await raw.put(recordKey, { body: record, contentType: 'application/json' }, runId);
    await raw.put(key, { body: redacted.body, contentType: 'application/json; charset=utf-8' }, runId);
  }
  const versions = await raw.dropOlderVersions(key);
  return {
    bodies: redacted ? 1 : 0,
    posts: redacted?.removed.length ?? 0,
    authors: redacted?.removed.filter((post) => post.authorRemoved).length ?? 0,
    versions,
  };
}
