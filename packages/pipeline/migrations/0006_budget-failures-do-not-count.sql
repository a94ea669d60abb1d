-- Up Migration
-- A ticker-hour X's monthly budget stopped is failed, but the failure does not count toward giving up on it (no
-- retry changes it before the month resets): a failed hour may have no counted failure. A loaded one still has none.
ALTER TABLE stock_hour_ledger DROP CONSTRAINT stock_hour_ledger_check1;
ALTER TABLE stock_hour_ledger ADD CONSTRAINT stock_hour_ledger_loaded_has_no_failures
  CHECK (state = 'failed' OR failures = 0);

-- Down Migration
UPDATE stock_hour_ledger SET failures = 1 WHERE state = 'failed' AND failures = 0;
ALTER TABLE stock_hour_ledger DROP CONSTRAINT stock_hour_ledger_loaded_has_no_failures;
ALTER TABLE stock_hour_ledger ADD CONSTRAINT stock_hour_ledger_check1 CHECK ((state = 'loaded') = (failures = 0));
