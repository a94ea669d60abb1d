import type { Stage, WarehouseRow } from './records.ts';

/** What became of one ticker-hour: loaded with its row, or failed at a stage, for a reason. */
export type TickerOutcome =
  | { ticker: string; hourStart: Date; status: 'loaded'; row: WarehouseRow }
  | { ticker: string; hourStart: Date; status: 'failed'; stage: Stage; reason: string };

/** A run's result: what the notice says, what the exit code follows. */
export interface RunReport {
  runId: string;
  hourStart: Date;
  status: 'succeeded' | 'failed';
  /** The run's own hour: one per watchlist entry, in watchlist order. What the status and exit code follow. */
  tickers: TickerOutcome[];
  /** Earlier ticker-hours the run healed (catch-up), oldest first: reported, retried by later runs if they fail. */
  healed: TickerOutcome[];
  /** From the run's start (start-up included, when the command says when that was) to its end. */
  durationMs: number;
  /** Where the run's logs are (a CloudWatch log group and stream). */
  logLocation: string | undefined;
  notified: boolean;
}
