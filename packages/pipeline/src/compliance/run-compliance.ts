import type { Logger } from '../log.ts';
import type { ComplianceChecker, Expiring } from '../ports.ts';
import type { StoredPost } from '../records.ts';
import { planRemovals, type RemovalPlan } from './plan-removals.ts';
import { rawOnlyPosts } from './raw-only-posts.ts';
import { type RemovalStores, removeEverywhere, type StoreOutcome } from './remove-everywhere.ts';
import { type Retention, retentionCutoffs } from './retention.ts';

export interface ComplianceDeps extends RemovalStores {
  /** The stores the job keeps within their retention itself. */
  expiring: readonly Expiring[];
  /** The watchlist's tickers: their staged bodies are looked through too (with any ticker the stores list). */
  tickers: readonly string[];
  checker: ComplianceChecker;
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
      // Not push(...posts): a spread of a few hundred thousand arguments overflows the stack.
      for (const post of posts) stored.push(post);
    } catch (error) {
      log.error({ stage: 'list', store: holder.what, err: error }, 'stage failed');
      report.unlisted.push({ what: holder.what, error: (error as Error).message });
    }
  }
  // Bodies staged by ticker-hours that never got their documents: the raw store is listed for them.
  if (report.unlisted.length === 0) {
    const tickers = [...new Set([...deps.tickers, ...stored.map((p) => p.ticker)])];
    // Every staged hour unless told a period: a backfill stages old hours' bodies long after their hour.
    const from = since ?? new Date(0);
    try {
      const posts = await rawOnlyPosts(
        deps.raw,
        deps.postsPrefix,
        tickers,
        { from, to: request.now },
        stored,
      );
      report.listed.push({ what: 'raw bodies without documents', posts: posts.length });
      for (const post of posts) stored.push(post);
    } catch (error) {
      log.error({ stage: 'list', store: 'raw bodies', err: error }, 'stage failed');
      report.unlisted.push({ what: 'raw bodies without documents', error: (error as Error).message });
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
    Object.assign(report, await removeEverywhere(deps, report.plan, request, log));
  report.failed =
    report.unlisted.length > 0 ||
    report.xError !== undefined ||
    report.expired.some((e) => e.error) ||
    report.busyHours > 0 ||
    report.stores.some((s) => s.failed);
  return report;
}

/** Retention alone: what each store keeps past its days, removed (counted only in a dry run). */
export async function expire(
  stores: readonly Expiring[],
  request: Pick<ComplianceRequest, 'now' | 'retention' | 'dryRun'>,
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
