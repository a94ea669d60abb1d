-- Up Migration
-- What an hour's score is a mean over, so that hours combine into a day's mean exactly as its posts would
-- (Σ weight·score / Σ weight): the dashboard's daily sentiment. Rows loaded before keep NULL until an hour is loaded
-- again (replay, backfill --force); the dashboard counts them apart rather than guessing a weight.
ALTER TABLE stock_performance
  ADD COLUMN sentiment_weight double precision CHECK (sentiment_weight >= 1);
COMMENT ON COLUMN stock_performance.sentiment_weight IS
  'Σ of the engagement weights (1 + ln(1 + likes + 2·reposts + 2·quotes + replies)) of the hour''s scored posts';

-- Down Migration
ALTER TABLE stock_performance DROP COLUMN sentiment_weight;
