-- Up Migration
-- X's own count of the hour's posts (recent counts, granularity=hour): the attention measure the top posts
-- cannot be, since they are capped at X_MAX_RESULTS. NULL where it was not counted (sample rows before this
-- migration, hours X no longer counts, a counts request that failed): never zero for unknown.
ALTER TABLE stock_performance
  ADD COLUMN post_volume integer CHECK (post_volume >= 0);
COMMENT ON COLUMN stock_performance.post_volume IS
  'posts X counted for the ticker''s query in the hour (recent counts); NULL where not counted';

-- When a ticker-hour was first loaded, kept through replays and forced backfills: an hour first loaded long after
-- it ended read its posts' engagement late (a backfill sees days of likes), so analyses leave it out by default.
ALTER TABLE stock_hour_ledger ADD COLUMN first_loaded_at timestamptz;
-- For hours loaded before this column, the first attempt is the best known: the last one moves with every replay,
-- which would mark a whole replayed history late.
UPDATE stock_hour_ledger SET first_loaded_at = first_attempt_at WHERE state = 'loaded';
COMMENT ON COLUMN stock_hour_ledger.first_loaded_at IS
  'when the ticker-hour first loaded (for hours loaded before this column: their first attempt, the best known)';

-- Down Migration
ALTER TABLE stock_hour_ledger DROP COLUMN first_loaded_at;
ALTER TABLE stock_performance DROP COLUMN post_volume;
