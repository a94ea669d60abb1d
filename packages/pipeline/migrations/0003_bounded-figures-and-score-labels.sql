-- Up Migration
-- The hour's label follows its score (NEUTRAL_BAND = 0.33, packages/pipeline/src/stages/score-label.ts, where its
-- measurement is written down); the posts' most frequent label, which used to be the label, keeps a column of its
-- own. Rows loaded before are relabelled with the same band, so old and new rows agree.
ALTER TABLE stock_performance
  ADD COLUMN majority_label text CHECK (majority_label IN ('POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'));
COMMENT ON COLUMN stock_performance.sentiment_label IS
  'what sentiment_score says: POSITIVE at or above 0.33, NEGATIVE at or below -0.33, NEUTRAL between';
COMMENT ON COLUMN stock_performance.majority_label IS 'the most frequent label among the hour''s scored posts';
UPDATE stock_performance
   SET majority_label = sentiment_label,
       sentiment_label = CASE
         WHEN sentiment_score IS NULL THEN NULL
         WHEN sentiment_score >= 0.33::double precision THEN 'POSITIVE'
         WHEN sentiment_score <= -0.33::double precision THEN 'NEGATIVE'
         ELSE 'NEUTRAL'
       END;

-- Figures derived from neighbouring hours, computed here and nowhere else: the job's reader and the BI view both
-- select them from this view.
-- The look-back is bounded at 96 hours (exact hours, not calendar days, so no time zone can stretch it): sessions
-- are at most 3 days 18 hours apart, a holiday weekend included, so a traded hour older than that is missing data,
-- and comparing across it would show months of movement as one hour's change.
CREATE VIEW stock_performance_figures AS
SELECT s.*,
       -- A closed hour has no price, so nothing to compare: no previous close, no change.
       CAST(CASE WHEN s.close IS NOT NULL THEN prior.close END AS numeric(14, 4))     AS previous_close,
       round((s.close / NULLIF(prior.close, 0) - 1) * 100, 4)                         AS change_pct,
       -- The last price known at this hour: its own close when it traded, else the last traded hour's.
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

-- Replaced in place, so Power BI reports, grants and anything built on the view keep working: a new column can
-- only come last.
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
       majority_label  AS "Majority label"
  FROM stock_performance_figures;

COMMENT ON VIEW bi_stock_performance IS
  'stockpipe for BI tools: one row per ticker and UTC hour; Change % is against the last traded hour''s close, at most 96 hours back';

-- Down Migration
-- A column cannot leave a view in place: the BI view is made again as 0002 made it, with its grant.
DROP VIEW bi_stock_performance;
CREATE VIEW bi_stock_performance AS
SELECT s.ticker                                        AS "Ticker",
       s.hour_start                                    AS "Hour start (UTC)",
       s.post_count                                    AS "Posts",
       s.scored_count                                  AS "Scored posts",
       s.sentiment_score                               AS "Sentiment score",
       s.sentiment_label                               AS "Sentiment label",
       s.positive_count                                AS "Positive posts",
       s.negative_count                                AS "Negative posts",
       s.neutral_count                                 AS "Neutral posts",
       s.mixed_count                                   AS "Mixed posts",
       s.market_closed                                 AS "Market closed",
       s.open                                          AS "Open",
       s.high                                          AS "High",
       s.low                                           AS "Low",
       s.close                                         AS "Close",
       s.volume                                        AS "Volume",
       previous.close                                  AS "Previous close",
       round((s.close / previous.close - 1) * 100, 4)  AS "Change %"
  FROM stock_performance s
  LEFT JOIN LATERAL (
    SELECT p.close FROM stock_performance p
     WHERE p.ticker = s.ticker AND p.hour_start < s.hour_start AND p.close IS NOT NULL
     ORDER BY p.hour_start DESC LIMIT 1
  ) previous ON true;
DROP VIEW stock_performance_figures;
COMMENT ON VIEW bi_stock_performance IS
  'stockpipe for BI tools: one row per ticker and UTC hour; Change % is against the last traded hour''s close';
GRANT SELECT ON bi_stock_performance TO stockpipe_bi;
UPDATE stock_performance SET sentiment_label = majority_label;
COMMENT ON COLUMN stock_performance.sentiment_label IS NULL;
ALTER TABLE stock_performance DROP COLUMN majority_label;
