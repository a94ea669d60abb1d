import { failureReason } from '../failure-reason.ts';
import type { RawResponse, RawStore } from '../ports.ts';

/** A ticker-hour's body on its way: where it belongs in the raw store, and whether it came from its source now. */
export interface Body {
  key: string;
  response: RawResponse;
  fetched: boolean;
}

/** What reading a body came to: its value, or the error that says why it does not read. */
export type Reading<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function reading<T>(read: () => T): Reading<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Keeps each body as its reading says: one that reads is staged as it came (when it was fetched now; a staged one
 * is there already); one that does not is set aside with its reason, whether fetched now or staged before, so that
 * no later attempt takes it for good and every later attempt fetches again. Nothing fetched is lost either way.
 */
export async function keepBodies(
  raw: RawStore,
  bodies: readonly (readonly [Body, Reading<unknown>])[],
  runId: string,
): Promise<void> {
  await Promise.all(
    bodies.map(([body, read]) => {
      if (!read.ok) return raw.setAside(body.key, body.response, failureReason(read.error), runId);
      return body.fetched ? raw.put(body.key, body.response, runId) : undefined;
    }),
  );
}
