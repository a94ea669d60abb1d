const HOUR_MS = 3_600_000;

/** What X's usage endpoint says, as numbers. */
export interface XUsage {
  /** Posts the project has read since its count last reset (`project_usage`). */
  projectUsage: number;
  /** The most posts the project may read in a month (`project_cap`). */
  projectCap: number | undefined;
  /** The day of the month the count resets (`cap_reset_day`); the 1st when X does not say. */
  capResetDay: number | undefined;
}

/** X's usage judged against the budget. */
export interface XSpend {
  postsThisMonth: number;
  /** Recent-counts requests this billing month: X's usage reports posts only, so stockpipe counts its own. */
  countsRequestsThisMonth: number;
  projectCap: number | undefined;
  spentUsd: number;
  /** The spend at the end of the billing month if the rate so far goes on. */
  projectedMonthUsd: number;
  budgetUsd: number;
  /** The budget is spent: runs read no more posts until the count resets. */
  reached: boolean;
  /** When the count resets. */
  resetsAt: Date;
}

export interface XBudget {
  budgetUsd: number;
  costPerPostUsd: number;
  costPerCountsRequestUsd: number;
}

/**
 * spent = posts × cost per post + counts requests × cost per request; reached when spent ≥ budget;
 * projected = spent × (billing month's length / time since it began, an hour at least).
 * The billing month runs from one reset day (00:00 UTC) to the next; a reset day past a month's end is its last day.
 */
export function judgeXSpend(usage: XUsage, budget: XBudget, now: Date, countsRequests = 0): XSpend {
  const { start, end } = billingMonth(now, usage.capResetDay ?? 1);
  const spentUsd =
    usage.projectUsage * budget.costPerPostUsd + countsRequests * budget.costPerCountsRequestUsd;
  const elapsed = Math.max(HOUR_MS, now.getTime() - start.getTime());
  return {
    postsThisMonth: usage.projectUsage,
    countsRequestsThisMonth: countsRequests,
    projectCap: usage.projectCap,
    spentUsd,
    projectedMonthUsd: (spentUsd * (end.getTime() - start.getTime())) / elapsed,
    budgetUsd: budget.budgetUsd,
    reached: spentUsd >= budget.budgetUsd,
    resetsAt: end,
  };
}

/** The billing month `now` is in: from one reset day (00:00 UTC) to the next. */
export function billingMonth(now: Date, resetDay: number): { start: Date; end: Date } {
  const reset = (year: number, month: number) => {
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return new Date(Date.UTC(year, month, Math.min(resetDay, lastDay)));
  };
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const thisMonths = reset(year, month);
  return thisMonths <= now
    ? { start: thisMonths, end: reset(year, month + 1) }
    : { start: reset(year, month - 1), end: thisMonths };
}
