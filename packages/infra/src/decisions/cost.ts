import { type CostLine, monthlyCost, PRICES, runsPerMonth } from '@stockpipe/shared';
import type { Settings } from './settings.ts';

/**
 * A month of this stack, itemised, from the cost model `stockpipe plan` uses too (shared/src/cost.ts): X's posts,
 * Comprehend and the AWS resources at the stack's sizes. `runMinutes`: how long a run takes.
 */
export function costEstimate(settings: Settings, runMinutes = 2): { lines: CostLine[]; totalUsd: number } {
  return monthlyCost({
    tickers: settings.watchlist.length,
    xMaxResults: settings.xMaxResults,
    // X's list prices, as the job's X_COST_PER_POST_USD and X_COST_PER_COUNTS_REQUEST_USD default to them.
    xCostPerPostUsd: PRICES.xPost,
    xCostPerCountsRequestUsd: PRICES.xCountsRequest,
    schedule: settings.schedule,
    source: settings.source,
    sentiment: settings.sentiment,
    stack: {
      databaseInstanceClass: settings.databaseInstanceClass,
      databaseStorageGb: settings.databaseStorageGb,
      taskCpu: settings.taskCpu,
      taskMemory: settings.taskMemory,
      imagesToKeep: settings.imagesToKeep,
    },
    runMinutes,
    complianceRunsPerMonth: runsPerMonth(settings.complianceSchedule),
    reportRunsPerMonth: runsPerMonth(settings.digestSchedule, settings.analyzeSchedule),
  });
}

/** `item: arithmetic = $amount` lines and the total, as `pulumi up` prints the stack output. */
export function costOutput(estimate: { lines: CostLine[]; totalUsd: number }) {
  const usd = (n: number) => `$${n.toFixed(2)}`;
  return {
    lines: estimate.lines.map((l) => `${l.item}: ${l.arithmetic} = ${usd(l.monthlyUsd)}`),
    totalUsd: usd(estimate.totalUsd),
  };
}
