-- Up Migration
-- The ledger: one record per ticker-hour a run attempted, with how it ended. What catch-up, backfill and status
-- read to know which hours are loaded, failed, or missing (no record at all). Written in the same transaction as
-- the rows it speaks for.
CREATE TABLE stock_hour_ledger (
  ticker           text        NOT NULL,
  hour_start       timestamptz NOT NULL CHECK (date_trunc('hour', hour_start) = hour_start),
  state            text        NOT NULL CHECK (state IN ('loaded', 'failed')),
  -- Where and why the last attempt failed; none once loaded.
  stage            text        CHECK (stage IN ('extract', 'raw', 'transform', 'score', 'store', 'load')),
  reason           text,
  attempts         integer     NOT NULL CHECK (attempts >= 1),
  -- Failed attempts since the last load: catch-up gives up on a ticker-hour at 3 (backfill --retry-failed resumes).
  failures         integer     NOT NULL CHECK (failures >= 0),
  first_attempt_at timestamptz NOT NULL,
  last_attempt_at  timestamptz NOT NULL,
  run_id           text        NOT NULL,
  PRIMARY KEY (ticker, hour_start),
  CHECK ((state = 'failed') = (stage IS NOT NULL)),
  CHECK ((state = 'loaded') = (failures = 0))
);

-- Catch-up asks, per ticker, for the first hour ever recorded: gaps count only after it.
CREATE INDEX stock_hour_ledger_by_hour ON stock_hour_ledger (hour_start, ticker);

-- Hours loaded before the ledger existed are loaded hours: recorded, so catch-up does not take them for gaps.
INSERT INTO stock_hour_ledger (ticker, hour_start, state, attempts, failures, first_attempt_at, last_attempt_at, run_id)
SELECT ticker, hour_start, 'loaded', 1, 0, loaded_at, loaded_at, run_id FROM stock_performance;

COMMENT ON TABLE stock_hour_ledger IS
  'stockpipe: every ticker-hour attempted, loaded or failed (stage, reason), with attempts and the last run';

-- Down Migration
DROP TABLE stock_hour_ledger;
