import type { ComplianceMetricField } from '@stockpipe/shared';
import { largest } from '../extremes.ts';
import { count } from '../format/count.ts';
import { hourLabel } from '../time/hours.ts';
import type { StoreOutcome } from './remove-everywhere.ts';
import type { ComplianceReport } from './run-compliance.ts';

const n = (count: number) => count.toLocaleString('en-US');
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;
const byReason = (tally: ReadonlyMap<string, number>) =>
  [...tally].map(([reason, count]) => `${reason} ${n(count)}`).join(', ');

/**
 * The command's report, for a person: what expired, how many posts were checked, what X says must go and why,
 * and what each store removed or could not. Counts and reasons only: a removed post's id and text appear nowhere,
 * not even here (this text is also the notice, and logs are kept).
 */
export function describeCompliance(report: ComplianceReport): string {
  const lines = [
    `stockpipe compliance${report.dryRun ? ' (dry run: nothing is changed)' : ''}: the posts of ${report.since ? `the hours since ${hourLabel(report.since)}` : 'every hour stored'}`,
  ];
  if (report.expired.length > 0)
    lines.push(
      `retention: ${report.expired
        .map(
          (e) =>
            `${e.what} ${e.error ? `could not expire (${e.error})` : `${n(e.count)} ${report.dryRun ? 'would expire' : 'expired'}`} (kept ${e.keptDays} days)`,
        )
        .join('; ')}`,
    );
  for (const { what, error } of report.unlisted) lines.push(`could not list the ${what}: ${error}`);
  if (report.checked === null) {
    lines.push(`could not check with X: ${report.xError}`);
    return finish(lines, report);
  }
  lines.push(
    `checked ${plural(report.checked, 'post')} with X (${report.listed.map((l) => `${l.what} ${n(l.posts)}`).join(', ')})`,
  );
  const plan = report.plan;
  const mustGo = [...(plan?.byReason.values() ?? [])].reduce((a, b) => a + b, 0);
  lines.push(
    mustGo === 0
      ? 'X says none must go'
      : `X says ${plural(mustGo, 'post')} must go: ${byReason(plan?.byReason ?? new Map())}`,
  );
  if (plan && plan.nothingStored.size > 0)
    lines.push(
      `  and ${byReason(plan.nothingStored)}: a change to what stockpipe does not keep (geo), nothing to remove`,
    );
  if (report.dryRun && plan) {
    for (const hour of plan.hours) {
      const reasons = new Map<string, number>();
      for (const reason of hour.posts.values()) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      lines.push(
        `  would remove from ${hour.ticker} ${hourLabel(hour.hourStart)}: ${plural(hour.posts.size, 'post')} (${byReason(reasons)})`,
      );
    }
    return finish(lines, report);
  }
  if (report.stores.length > 0) {
    lines.push('removed, per store:');
    const width = largest(report.stores.map((s) => s.what.length));
    for (const store of report.stores) lines.push(`  ${store.what.padEnd(width)}  ${describeStore(store)}`);
  }
  if (report.busyHours > 0)
    lines.push(`${plural(report.busyHours, 'ticker-hour')} left alone: another run held the hour`);
  if (mustGo > 0) lines.push(`${plural(report.removed, 'post')} now gone from every store`);
  return finish(lines, report);
}

function describeStore(store: StoreOutcome): string {
  const parts = [plural(store.removed, 'post')];
  if (store.raw)
    parts[0] += ` from ${plural(store.raw.bodies, 'body', 'bodies')} (${plural(store.raw.authors, 'author')} with them, ${plural(store.raw.versions, 'older version')} deleted)`;
  if (store.failed)
    parts.push(`FAILED for ${plural(store.failed.hours, 'ticker-hour')}: ${store.failed.reason}`);
  if (store.waiting > 0) parts.push(`${plural(store.waiting, 'ticker-hour')} wait for an earlier store`);
  return parts.join('; ');
}

function finish(lines: string[], report: ComplianceReport): string {
  if (report.failed)
    lines.push(
      'not finished: run `stockpipe compliance` again; what is not clean yet stays findable until every store is',
    );
  return `${lines.join('\n')}\n`;
}

/** The notice's subject: at most 100 ASCII characters, as SNS takes. */
export function complianceSubject(report: ComplianceReport): string {
  const status = report.failed ? 'failed' : 'succeeded';
  const checked =
    report.checked === null
      ? 'X not asked'
      : `${count(report.checked, 'post')} checked, ${report.removed} removed`;
  return `stockpipe compliance ${status}: ${checked}`.slice(0, 100);
}

/**
 * The `compliance finished` event's metric fields, named as shared's COMPLIANCE_METRICS names them: left out on a
 * dry run (it removes nothing) and when X was not asked, rather than logged as a zero that is not true.
 */
export function complianceMetricFields(
  report: ComplianceReport,
): Partial<Record<ComplianceMetricField, number>> {
  if (report.dryRun || report.checked === null) return {};
  return { postsChecked: report.checked, postsRemoved: report.removed };
}
