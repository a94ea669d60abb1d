import pLimit from 'p-limit';
import { BusyError } from '../errors.ts';
import { hourKey } from '../hours.ts';
import type { Logger } from '../log.ts';
import type { ComplianceChecker, Expiring, HeldHours, PostHolder, RawStore } from '../ports.ts';
import type { HourRemoval, StoredPost } from '../records.ts';
import { cleanRawBody, type RawCleaning } from './clean-raw.ts';
import { planRemovals, type RemovalPlan } from './plan-removals.ts';
import { type Retention, retentionCutoffs } from './retention.ts';

export interface ComplianceDeps {
  raw: RawStore;
  /** Where the configured posts source keeps its bodies (`x/recent-search`). */
  postsPrefix: string;
  /** What compliance lists the stored posts from, and cleans after the raw bodies. */
  topPosts: PostHolder;
  documents: PostHolder;
  /** The stores the job keeps within their retention itself. */
  expiring: readonly Expiring[];
  checker: ComplianceChecker;
  lockHours(hours: readonly Date[], options?: { waitFor?: Date }): Promise<HeldHours>;
  logger: Logger;
}

export interface ComplianceRequest {
  runId: string;
  now: Date;
  /** The first hour whose posts are checked; null: every post stored. */
  since: Date | null;
  dryRun: boolean;
  retention: Retention;
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

export interface ComplianceReport {
  dryRun: boolean;
  since: Date | null;
  /** What the job expired itself, with the days that store keeps. */
  expired: { what: string; keptDays: number; count: number; error?: string }[];
  /** The posts each store holds (of the hours checked). */
  listed: { what: string; posts: number }[];
  /** Stores whose posts could not be listed (the others were checked). */
  unlisted: { what: string; error: string }[];
  /** Distinct posts checked with X; null when X could not be asked. */
  checked: number | null;
  xError?: string;
  plan: RemovalPlan | null;
  stores: StoreOutcome[];
  /** Ticker-hours left alone because another run held them. */
  busyHours: number;
  /** Distinct posts now gone from every store. */
  removed: number;
  /** Something could not be checked or cleaned: a rerun finishes it. */
  failed: boolean;
}

/** A ticker-hour on its way through the stores: clean so far, or failed at one of them. */
interface HourOutcome {
  removal: HourRemoval;
  failure: { store: string; reason: string } | null;
}

/**
 * The compliance check: expire what outlived its retention (local files, top posts) → list the posts stored (post
 * documents and top posts) → ask X which must go → remove each from its raw body (rewritten, older versions
 * deleted, a record beside it), then from the top posts, then from the post documents. The documents go last: they
 * are how the posts are found, so a store that fails midway leaves its posts findable and the next run finishes
 * the removal. A dry run asks X and plans, and changes nothing.
 */
export async function runCompliance(
  deps: ComplianceDeps,
  request: ComplianceRequest,
): Promise<ComplianceReport> {
  const { dryRun, since } = request;
  const log = deps.logger.child({ runId: request.runId });
  const report: ComplianceReport = {
    dryRun,
    since,
    expired: await expire(deps.expiring, request, log),
    listed: [],
    unlisted: [],
    checked: null,
    plan: null,
    stores: [],
    busyHours: 0,
    removed: 0,
    failed: false,
  };
  const stored: StoredPost[] = [];
  for (const holder of [deps.documents, deps.topPosts]) {
    try {
      const posts = await holder.storedPosts(since);
      report.listed.push({ what: holder.what, posts: posts.length });
      stored.push(...posts);
    } catch (error) {
      log.error({ stage: 'list', store: holder.what, err: error }, 'stage failed');
      report.unlisted.push({ what: holder.what, error: (error as Error).message });
    }
  }
  const ids = [...new Set(stored.map((p) => p.postId))];
  try {
    const verdicts = await deps.checker.check(ids);
    report.checked = ids.length;
    report.plan = planRemovals(stored, verdicts);
    log.info(
      { stage: 'check', checked: ids.length, verdicts: verdicts.length, hours: report.plan.hours.length },
      'stage',
    );
  } catch (error) {
    log.error({ stage: 'check', err: error }, 'stage failed');
    report.xError = (error as Error).message;
  }
  if (report.plan && !dryRun && report.plan.hours.length > 0)
    Object.assign(report, await remove(deps, report.plan, request, log));
  report.failed =
    report.unlisted.length > 0 ||
    report.xError !== undefined ||
    report.expired.some((e) => e.error) ||
    report.busyHours > 0 ||
    report.stores.some((s) => s.failed);
  return report;
}

async function expire(
  stores: readonly Expiring[],
  request: ComplianceRequest,
  log: Logger,
): Promise<ComplianceReport['expired']> {
  const cutoffs = retentionCutoffs(request.now, request.retention);
  const expired: ComplianceReport['expired'] = [];
  for (const store of stores) {
    const keptDays = store.keeps === 'raw' ? request.retention.rawDays : request.retention.postsDays;
    try {
      const count = await store.expire(cutoffs[store.keeps], { dryRun: request.dryRun });
      expired.push({ what: store.what, keptDays, count });
    } catch (error) {
      log.error({ stage: 'expire', store: store.what, err: error }, 'stage failed');
      expired.push({ what: store.what, keptDays, count: 0, error: (error as Error).message });
    }
  }
  return expired;
}

/** The plan carried out under the hours' locks, each ticker-hour's outcome carried from store to store. */
async function remove(
  deps: ComplianceDeps,
  plan: RemovalPlan,
  request: ComplianceRequest,
  log: Logger,
): Promise<Pick<ComplianceReport, 'stores' | 'busyHours' | 'removed'>> {
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
