import { failureReason } from '../failure-reason.ts';
import type { Logger } from '../log.ts';
import { billingMonth, judgeXSpend, type XBudget, type XSpend, type XUsage } from './x-budget.ts';

/** The reason of every ticker-hour a run did not read from X because the budget was spent. */
export const X_BUDGET_REACHED = 'X budget reached';

/** Whether a run may read X, and what it knows of this month's spend. */
export interface SpendGuard {
  /** False once this billing month's X usage costs the budget or more. */
  allowsReading(): Promise<boolean>;
  /** Why reading stopped: the reason of the ticker-hours it stopped. */
  readonly reason: string;
  spend(): XSpend | undefined;
}

/** A backfill reads X for hours: usage older than this is read again, so that the budget stops it too. */
const USAGE_FRESH_MS = 10 * 60_000;

/**
 * Whether a run may read posts from X this month. It reads X's usage when the run first needs X (a run that
 * replays from raw never asks), and again once what it read is USAGE_FRESH_MS old (an hourly run reads it once; a
 * long backfill every ten minutes), and logs it. X's usage counts posts only: the counts requests of the billing
 * month come from `countsRequestsSince` (stockpipe's own count) and are spent too. A usage endpoint that fails is
 * logged and never stops the run: it reads X as it would without a budget.
 */
export class XSpendGuard implements SpendGuard {
  readonly reason = X_BUDGET_REACHED;
  readonly #readUsage: () => Promise<XUsage>;
  readonly #budget: XBudget;
  readonly #log: Logger;
  readonly #now: () => Date;
  readonly #countsRequestsSince: (start: Date) => Promise<number>;
  #checked: Promise<XSpend | undefined> | undefined;
  #checkedAt = 0;
  #spend: XSpend | undefined;

  constructor(
    readUsage: () => Promise<XUsage>,
    budget: XBudget,
    log: Logger,
    now = () => new Date(),
    countsRequestsSince: (start: Date) => Promise<number> = async () => 0,
  ) {
    this.#readUsage = readUsage;
    this.#budget = budget;
    this.#log = log;
    this.#now = now;
    this.#countsRequestsSince = countsRequestsSince;
  }

  async allowsReading(): Promise<boolean> {
    const at = this.#now().getTime();
    if (!this.#checked || at - this.#checkedAt >= USAGE_FRESH_MS) {
      this.#checkedAt = at;
      this.#checked = this.#check();
    }
    return !(await this.#checked)?.reached;
  }

  spend(): XSpend | undefined {
    return this.#spend;
  }

  async #check(): Promise<XSpend | undefined> {
    let usage: XUsage;
    try {
      usage = await this.#readUsage();
    } catch (error) {
      this.#log.warn({ stage: 'x-usage', reason: failureReason(error), err: error }, 'x usage unavailable');
      return undefined;
    }
    const now = this.#now();
    const counts = await this.#countsRequestsSince(billingMonth(now, usage.capResetDay ?? 1).start).catch(
      (error: unknown) => {
        // Counted low rather than not at all: the posts, most of the spend, are still judged.
        this.#log.warn(
          { stage: 'x-usage', reason: failureReason(error), err: error },
          'counts requests unknown',
        );
        return 0;
      },
    );
    const spend = judgeXSpend(usage, this.#budget, now, counts);
    this.#spend = spend;
    const usd = (n: number) => Math.round(n * 100) / 100;
    this.#log[spend.reached ? 'warn' : 'info'](
      {
        stage: 'x-usage',
        projectUsage: usage.projectUsage,
        projectCap: usage.projectCap,
        countsRequests: counts,
        spentUsd: usd(spend.spentUsd),
        projectedMonthUsd: usd(spend.projectedMonthUsd),
        budgetUsd: spend.budgetUsd,
        budgetReached: spend.reached,
        resetsAt: spend.resetsAt.toISOString(),
      },
      spend.reached ? 'x budget reached' : 'x usage',
    );
    return spend;
  }
}
