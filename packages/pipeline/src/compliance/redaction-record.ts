import { createHash } from 'node:crypto';
import type { RedactedPost } from './redact-search-body.ts';

/**
 * What compliance removed from a raw body and why, kept beside it: one entry per post, with X's reason, when, and
 * what left the body. X counts a post's id as its content, so neither id nor text is kept: a fingerprint (8 hex
 * digits of the id's SHA-256, shared by thousands of the ids an hour could hold) tells only whether a post was
 * recorded already, so a rerun records nothing twice.
 */
interface RedactionRecord {
  about: string;
  redactions: RedactionEntry[];
}

interface RedactionEntry {
  fingerprint: string;
  reason: string;
  removedAt: string;
  /** The parts of the body it took: the post's `data[]` entry, and its author's `includes.users[]` entry. */
  removed: string[];
}

const ABOUT =
  "posts removed from response.json because X's compliance results say they must go; no id or text is kept";

export function fingerprint(postId: string): string {
  return createHash('sha256').update(postId).digest('hex').slice(0, 8);
}

/**
 * The record with an entry for each post the body is losing now that it does not hold already; null when there is
 * none to add (the record stays as it is).
 */
export function withRedactions(
  existing: Uint8Array | null,
  removed: readonly RedactedPost[],
  reasons: ReadonlyMap<string, string>,
  at: Date,
): Uint8Array | null {
  const record: RedactionRecord = existing
    ? (JSON.parse(new TextDecoder().decode(existing)) as RedactionRecord)
    : { about: ABOUT, redactions: [] };
  const recorded = new Set(record.redactions.map((r) => r.fingerprint));
  const added = removed
    .filter((post) => !recorded.has(fingerprint(post.postId)))
    .map((post) => ({
      fingerprint: fingerprint(post.postId),
      reason: reasons.get(post.postId) ?? 'unknown',
      removedAt: at.toISOString(),
      removed: post.authorRemoved ? ['data[]', 'includes.users[]'] : ['data[]'],
    }));
  if (added.length === 0) return null;
  record.redactions = record.redactions.concat(added);
  return new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`);
}
