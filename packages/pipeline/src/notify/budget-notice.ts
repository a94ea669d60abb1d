import { count } from '../format/count.ts';
import type { RunReport } from '../run-report.ts';
import { X_BUDGET_REACHED } from '../spend/x-spend-guard.ts';

/** The notice's word on the X budget, when it stopped the run reading X: what happened and how it heals. */
export function budgetLines(report: RunReport): string[] {
  const stopped = report.tickers.filter((t) => t.status === 'failed' && t.reason === X_BUDGET_REACHED);
  if (stopped.length === 0) return [];
  return [
    `${X_BUDGET_REACHED} (X_MONTHLY_BUDGET_USD): ${count(stopped.length, 'ticker-hour')} ${stopped.length === 1 ? 'was' : 'were'} not read from X, their prices`,
    'kept raw; they heal when X’s count resets next month, or by backfill.',
  ];
}
