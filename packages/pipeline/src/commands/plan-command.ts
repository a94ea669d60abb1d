import {
  type Config,
  type CostLine,
  monthlyCost,
  runsPerMonth,
  STACK_SIZE_DEFAULTS,
  scheduledHoursPerMonth,
} from '@stockpipe/shared';
import { largest } from '../extremes.ts';
import { count } from '../format/count.ts';

const DAYS_PER_MONTH = 730 / 24;

/**
 * `stockpipe plan`: what a month of this configuration costs, itemised, from the same model `pulumi up` prints:
 * X's posts (watchlist × X_MAX_RESULTS × scheduled runs × the price per post) and its post counts (a request per
 * ticker a run), Comprehend, and the AWS stack at its default sizes. Spends nothing, reads nothing. Exit 0.
 */
export function planCommand(config: Config, write: (text: string) => void): number {
  const plan = (source: Config['source']) =>
    monthlyCost({
      tickers: config.watchlist.length,
      xMaxResults: config.x.maxResults,
      xCostPerPostUsd: config.x.costPerPostUsd,
      xCostPerCountsRequestUsd: config.x.costPerCountsRequestUsd,
      schedule: config.schedule,
      source,
      sentiment: config.sentiment,
      stack: STACK_SIZE_DEFAULTS,
      // The stack checks live posts with X daily (STOCKPIPE_COMPLIANCE_SCHEDULE); sample posts never were X's.
      complianceRunsPerMonth: source === 'live' ? runsPerMonth(config.daily.compliance) : 0,
      // The digest and analyze --save, as STOCKPIPE_DIGEST_SCHEDULE and STOCKPIPE_ANALYZE_SCHEDULE have them.
      reportRunsPerMonth: runsPerMonth(config.daily.digest, config.daily.analyze),
    });
  const { lines, totalUsd, xUsd } = plan(config.source);
  const runs = scheduledHoursPerMonth(config.schedule);
  write(
    [
      `stockpipe plan: a month of this configuration (schedule ${config.schedule.text}: ${runs.toFixed(0)} runs; ` +
        `${count(config.watchlist.length, 'ticker')}, up to ${config.x.maxResults} posts each; sentiment ${config.sentiment})`,
      '',
      ...table([...lines, { item: 'total', arithmetic: '', monthlyUsd: totalUsd }]),
      '',
      ...budgetNote(config, xUsd, plan('live').xUsd),
      `The AWS stack is priced at its default sizes (${STACK_SIZE_DEFAULTS.databaseInstanceClass}, ` +
        `${STACK_SIZE_DEFAULTS.databaseStorageGb} GB, ${STACK_SIZE_DEFAULTS.taskCpu / 1024} vCPU / ` +
        `${STACK_SIZE_DEFAULTS.taskMemory / 1024} GB); pulumi up prints your stack's own estimate.`,
      '',
    ].join('\n'),
  );
  return 0;
}

function budgetNote(config: Config, xUsd: number, liveXUsd: number): string[] {
  const budget = config.x.monthlyBudgetUsd;
  if (config.source === 'sample')
    return [`With STOCKPIPE_SOURCE=live, X's posts and counts would add ${usd(liveXUsd)} a month.`];
  if (xUsd <= budget)
    return [
      `X's posts and counts fit the budget: ${usd(xUsd)} of ${usd(budget)} a month (X_MONTHLY_BUDGET_USD).`,
    ];
  const days = (budget / xUsd) * DAYS_PER_MONTH;
  return [
    `X's posts and counts cost more than the budget, ${usd(budget)} a month (X_MONTHLY_BUDGET_USD): runs stop reading X`,
    `after about ${days.toFixed(0)} days of each billing month. Fewer posts (X_MAX_RESULTS), the market-hours`,
    'schedule or a larger budget keep the month whole.',
  ];
}

function table(lines: readonly CostLine[]): string[] {
  const itemWidth = largest(lines.map((l) => l.item.length));
  const arithmeticWidth = largest(lines.map((l) => l.arithmetic.length));
  const row = (item: string, arithmetic: string, amount: string) =>
    `${item.padEnd(itemWidth)}  ${arithmetic.padEnd(arithmeticWidth)}  ${amount.padStart(10)}`;
  return [
    row('item', 'arithmetic', 'per month'),
    ...lines.map((l) => row(l.item, l.arithmetic, usd(l.monthlyUsd))),
  ];
}

function usd(amount: number): string {
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
