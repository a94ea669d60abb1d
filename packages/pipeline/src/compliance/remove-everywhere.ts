import pLimit from 'p-limit';
import { BusyError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { HeldHours, PostHolder, RawStore } from '../ports.ts';
import type { HourRemoval } from '../records.ts';
import { hourKey } from '../time/hours.ts';
import { cleanRawBody, type RawCleaning } from './clean-raw.ts';
import type { RemovalPlan } from './plan-removals.ts';

/** Where compliance removes posts from, in that order, and the locks that keep runs off the hours meanwhile. */
export interface RemovalStores {
  raw: RawStore;
  /** Where the configured posts source keeps its bodies (`x/recent-search`). */
  postsPrefix: string;
  /** Cleaned after the raw bodies. */
  topPosts: PostHolder;
  /** Cleaned last: they are how the posts are found, so a store that fails leaves its posts findable. */
  documents: PostHolder;
  lockHours(hours: readonly Date[], options?: { waitFor?: Date }): Promise<HeldHours>;
}

/** How one store fared: what it removed, and the ticker-hours it could not clean, with why. */
export interface StoreOutcome {
  what: string;
  removed: number;
  /** For the raw bodies: bodies rewritten, authors removed, old versions deleted. */
  raw?: Omit<RawCleaning, 'posts'>;
  /** Ticker-hours this store failed, and the first reason. */
  failed: { hours: number; reason: string } | null;
  /** Ticker-hours not tried here because an earlier store failed them: the next run does. */
  waiting: number;
}

/** A ticker-hour on its way through the stores: clean so far, or failed at one of them. */
interface HourOutcome {
  removal: HourRemoval;
  failure: { store: string; reason: string } | null;
}

/**
 * The plan carried out under the hours' locks, each ticker-hour's outcome carried from store to store: its raw body
 * (a few at a time), then the top posts, then the post documents, each store given only the ticker-hours clean so
 * far. Says what each store did, the ticker-hours left alone (another run held them), and how many posts are now
 * gone from every store.
 */
export async function removeEverywhere(
  deps: RemovalStores,
  plan: RemovalPlan,
  request: { runId: string; now: Date },
  log: Logger,
): Promise<{ stores: StoreOutcome[]; busyHours: number; removed: number }> {
  const hours = [...new Set(plan.hours.map((h) => h.hourStart.getTime()))].map((t) => new Date(t));
  const held = await deps.lockHours(hours, { waitFor: hours[0] }).catch((error: unknown) => {
    if (!(error instanceof BusyError)) throw error;
    return { hours: [], release: async () => {} };
  });
  try {
    const free = new Set(held.hours.map((h) => h.getTime()));
    const mine = plan.hours.filter((h) => free.has(h.hourStart.getTime()));
    const limit = pLimit(8);
    const raw = await Promise.all(
      mine.map((removal) =>
        limit(async (): Promise<HourOutcome & { cleaned?: RawCleaning }> => {
          try {
            const cleaned = await cleanRawBody(
              deps.raw,
              deps.postsPrefix,
              removal,
              request.runId,
              request.now,
            );
            return { removal, failure: null, cleaned };
          } catch (error) {
            log.error(
              { stage: 'raw', ticker: removal.ticker, hour: hourKey(removal.hourStart), err: error },
              'stage failed',
            );
            return { removal, failure: { store: RAW, reason: (error as Error).message } };
          }
        }),
      ),
    );
    const total = (field: keyof RawCleaning) => raw.reduce((n, r) => n + (r.cleaned?.[field] ?? 0), 0);
    const rawOutcome: StoreOutcome = {
      ...storeOutcome(RAW, raw, total('posts')),
      raw: { bodies: total('bodies'), authors: total('authors'), versions: total('versions') },
    };
    const afterRaw: HourOutcome[] = raw.map(({ removal, failure }) => ({ removal, failure }));
    const [afterTop, topOutcome] = await removeFrom(deps.topPosts, afterRaw, log);
    const [afterDocuments, documentsOutcome] = await removeFrom(deps.documents, afterTop, log);
    // A post is gone when every ticker-hour that held it is clean in every store (busy ones were not tried).
    const unfinished = new Set([
      ...afterDocuments.filter((o) => o.failure).flatMap((o) => [...o.removal.posts.keys()]),
      ...plan.hours.filter((h) => !free.has(h.hourStart.getTime())).flatMap((h) => [...h.posts.keys()]),
    ]);
    const removed = new Set(
      plan.hours.flatMap((h) => [...h.posts.keys()]).filter((id) => !unfinished.has(id)),
    );
    return {
      stores: [rawOutcome, topOutcome, documentsOutcome],
      busyHours: plan.hours.length - mine.length,
      removed: removed.size,
    };
  } finally {
    await held.release().catch(() => {});
  }
}

const RAW = 'raw bodies';

/** One store's removal for the ticker-hours clean so far; a failure fails them all (each is tried again next run). */
async function removeFrom(
  holder: PostHolder,
  outcomes: readonly HourOutcome[],
  log: Logger,
): Promise<[HourOutcome[], StoreOutcome]> {
  const going = outcomes.filter((o) => o.failure === null).map((o) => o.removal);
  if (going.length === 0) return [[...outcomes], storeOutcome(holder.what, outcomes, 0)];
  try {
    const removed = await holder.removePosts(going);
    return [[...outcomes], storeOutcome(holder.what, outcomes, removed)];
  } catch (error) {
    log.error({ stage: 'remove', store: holder.what, hours: going.length, err: error }, 'stage failed');
    const failure = { store: holder.what, reason: (error as Error).message };
    const after = outcomes.map((o) => (o.failure === null ? { removal: o.removal, failure } : o));
    return [after, storeOutcome(holder.what, after, 0)];
  }
}

/** What a store did: the posts it removed, the ticker-hours it failed, and those an earlier store failed. */
function storeOutcome(what: string, outcomes: readonly HourOutcome[], removed: number): StoreOutcome {
  const own = outcomes.filter((o) => o.failure?.store === what);
  return {
    what,
    removed,
    failed: own[0]?.failure ? { hours: own.length, reason: own[0].failure.reason } : null,
    waiting: outcomes.filter((o) => o.failure && o.failure.store !== what).length,
  };
}
