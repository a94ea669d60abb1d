-- Up Migration
-- The NYSE's traded hours, each with the traded hour before it on the calendar. The job writes them from its
-- calendar (packages/shared/src/nyse-calendar.ts) for the hours the warehouse holds: the rule stays in one place,
-- and SQL joins on its result.
CREATE TABLE nyse_traded_hours (
  hour_start          timestamptz PRIMARY KEY,
  previous_hour_start timestamptz NOT NULL CHECK (previous_hour_start < hour_start)
);
COMMENT ON TABLE nyse_traded_hours IS
  'stockpipe: each UTC hour the NYSE trades in, and the traded hour before it (the previous session''s last for a first hour)';

-- Previous close is the close of exactly the previous traded hour on the NYSE calendar. When that hour is not
-- loaded the change is unknown: an older hour (Monday's, before Tuesday and Wednesday were loaded) would show days
-- of movement as one hour's change. The last price known still looks back 96 hours, as 0003 made it.
CREATE OR REPLACE VIEW stock_performance_figures AS
SELECT s.ticker, s.hour_start, s.post_count, s.scored_count, s.sentiment_score, s.sentiment_label,
       s.positive_count, s.negative_count, s.neutral_count, s.mixed_count, s.market_closed,
       s.open, s.high, s.low, s.close, s.volume, s.candle_interval, s.run_id, s.loaded_at, s.majority_label,
       -- A closed hour has no price, so nothing to compare: no previous close, no change.
       CAST(CASE WHEN s.close IS NOT NULL THEN previous.close END AS numeric(14, 4)) AS previous_close,
       round((s.close / NULLIF(previous.close, 0) - 1) * 100, 4)                     AS change_pct,
       COALESCE(s.close, prior.close)                                                AS last_close,
       CASE WHEN s.close IS NOT NULL THEN s.hour_start ELSE prior.hour_start END     AS last_close_at
  FROM stock_performance s
  LEFT JOIN nyse_traded_hours traded ON traded.hour_start = s.hour_start
  LEFT JOIN stock_performance previous
    ON previous.ticker = s.ticker AND previous.hour_start = traded.previous_hour_start
  LEFT JOIN LATERAL (
    SELECT p.close, p.hour_start FROM stock_performance p
     WHERE p.ticker = s.ticker AND p.close IS NOT NULL
       AND p.hour_start < s.hour_start AND p.hour_start >= s.hour_start - interval '96 hours'
     ORDER BY p.hour_start DESC LIMIT 1
  ) prior ON true;

COMMENT ON VIEW stock_performance_figures IS
  'stockpipe: each row with the close of the previous traded hour on the NYSE calendar (NULL when not loaded) and the change against it';
COMMENT ON VIEW bi_stock_performance IS
  'stockpipe for BI tools: one row per ticker and UTC hour; Change % is against the close of the previous traded hour on the NYSE calendar, empty when that hour is not loaded';

-- Down Migration
CREATE OR REPLACE VIEW stock_performance_figures AS
SELECT s.ticker, s.hour_start, s.post_count, s.scored_count, s.sentiment_score, s.sentiment_label,
       s.positive_count, s.negative_count, s.neutral_count, s.mixed_count, s.market_closed,
       s.open, s.high, s.low, s.close, s.volume, s.candle_interval, s.run_id, s.loaded_at, s.majority_label,
       CAST(CASE WHEN s.close IS NOT NULL THEN prior.close END AS numeric(14, 4))     AS previous_close,
       round((s.close / NULLIF(prior.close, 0) - 1) * 100, 4)                         AS change_pct,
       COALESCE(s.close, prior.close)                                                 AS last_close,
       CASE WHEN s.close IS NOT NULL THEN s.hour_start ELSE prior.hour_start END      AS last_close_at
  FROM stock_performance s
  LEFT JOIN LATERAL (
    SELECT p.close, p.hour_start FROM stock_performance p
     WHERE p.ticker = s.ticker AND p.close IS NOT NULL
       AND p.hour_start < s.hour_start AND p.hour_start >= s.hour_start - interval '96 hours'
     ORDER BY p.hour_start DESC LIMIT 1
  ) prior ON true;
COMMENT ON VIEW stock_performance_figures IS
  'stockpipe: each row with the close of the last traded hour before it (at most 96 hours back) and the change against it';
COMMENT ON VIEW bi_stock_performance IS
  'stockpipe for BI tools: one row per ticker and UTC hour; Change % is against the last traded hour''s close, at most 96 hours back';
DROP TABLE nyse_traded_hours;
