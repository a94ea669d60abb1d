-- Up Migration
-- What each row was made from: stockpipe's made-up sample data or X and Yahoo (STOCKPIPE_SOURCE), so that sample
-- and live rows can be told apart in one warehouse. Rows loaded before this migration stay NULL (unknown): neither
-- the ledger nor the run id recorded the source, and a guess would be wrong for someone.
ALTER TABLE stock_performance
  ADD COLUMN source text CHECK (source IN ('sample', 'live'));
COMMENT ON COLUMN stock_performance.source IS
  'sample (made-up sample data) or live (X and Yahoo); NULL for rows loaded before migration 0011';

-- 0003's view with "Source" last (a new column can only come last). stock_performance_figures froze its column
-- list in 0003, so the source is read from the table beside it.
CREATE OR REPLACE VIEW bi_stock_performance AS
SELECT ticker          AS "Ticker",
       hour_start      AS "Hour start (UTC)",
       post_count      AS "Posts",
       scored_count    AS "Scored posts",
       sentiment_score AS "Sentiment score",
       sentiment_label AS "Sentiment label",
       positive_count  AS "Positive posts",
       negative_count  AS "Negative posts",
       neutral_count   AS "Neutral posts",
       mixed_count     AS "Mixed posts",
       market_closed   AS "Market closed",
       open            AS "Open",
       high            AS "High",
       low             AS "Low",
       close           AS "Close",
       volume          AS "Volume",
       previous_close  AS "Previous close",
       change_pct      AS "Change %",
       majority_label  AS "Majority label",
       (SELECT s.source FROM stock_performance s
         WHERE s.ticker = stock_performance_figures.ticker
           AND s.hour_start = stock_performance_figures.hour_start) AS "Source"
  FROM stock_performance_figures;

-- Down Migration
-- A column cannot leave a view in place: the BI view is made again as 0003 made it, with its grant.
DROP VIEW bi_stock_performance;
CREATE VIEW bi_stock_performance AS
SELECT ticker          AS "Ticker",
       hour_start      AS "Hour start (UTC)",
       post_count      AS "Posts",
       scored_count    AS "Scored posts",
       sentiment_score AS "Sentiment score",
       sentiment_label AS "Sentiment label",
       positive_count  AS "Positive posts",
       negative_count  AS "Negative posts",
       neutral_count   AS "Neutral posts",
       mixed_count     AS "Mixed posts",
       market_closed   AS "Market closed",
       open            AS "Open",
       high            AS "High",
       low             AS "Low",
       close           AS "Close",
       volume          AS "Volume",
       previous_close  AS "Previous close",
       change_pct      AS "Change %",
       majority_label  AS "Majority label"
  FROM stock_performance_figures;
COMMENT ON VIEW bi_stock_performance IS
  'stockpipe for BI tools: one row per ticker and UTC hour; Change % is against the last traded hour''s close, at most 96 hours back';
GRANT SELECT ON bi_stock_performance TO stockpipe_bi;
ALTER TABLE stock_performance DROP COLUMN source;
