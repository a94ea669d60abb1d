/** Past this many ticker-hours a backfill asks for --yes, whatever it costs: it is a long job. */
export const LARGE_BACKFILL = 10_000;
/** A plan whose X cost is above this asks first (on a terminal) or needs --yes. */
export const CONFIRM_ABOVE_USD = 1;
