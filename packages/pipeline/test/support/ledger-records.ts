import type { LedgerRecord } from '../../src/records.ts';

/** An hour of 2024-12-06, a Friday: the day the ledger's tests are set on. */
export const at = (h: number) => new Date(Date.UTC(2024, 11, 6, h));

/** The ledger's record of a ticker-hour that day: loaded at the first attempt, unless `over` says otherwise. */
export const ledgerRecord = (ticker: string, h: number, over: Partial<LedgerRecord> = {}): LedgerRecord => ({
  ticker,
  hourStart: at(h),
  state: 'loaded',
  stage: null,
  reason: null,
  attempts: 1,
  failures: 0,
  firstAttemptAt: at(h + 1),
  lastAttemptAt: at(h + 1),
  runId: `r${h}`,
  marketClosed: false,
  rowGone: false,
  source: 'sample',
  ...over,
});
