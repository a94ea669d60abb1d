-- Up Migration
-- The most engaged posts of each ticker-hour, loaded with the hour's row in the same transaction.
CREATE TABLE stock_posts (
  ticker           text             NOT NULL,
  hour_start       timestamptz      NOT NULL,
  post_id          text             NOT NULL,
  created_at       timestamptz      NOT NULL,
  author_id        text,
  lang             text,
  text             text             NOT NULL,
  likes            integer          NOT NULL,
  reposts          integer          NOT NULL,
  replies          integer          NOT NULL,
  quotes           integer          NOT NULL,
  weight           double precision NOT NULL,
  sentiment_label  text             CHECK (sentiment_label IN ('POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED')),
  sentiment_score  double precision CHECK (sentiment_score BETWEEN -1 AND 1),
  run_id           text             NOT NULL,
  PRIMARY KEY (ticker, hour_start, post_id),
  FOREIGN KEY (ticker, hour_start) REFERENCES stock_performance (ticker, hour_start) ON DELETE CASCADE
);

-- The BI contract: one row per ticker-hour with readable names, and the change against the last traded hour.
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

COMMENT ON VIEW bi_stock_performance IS
  'stockpipe for BI tools: one row per ticker and UTC hour; Change % is against the last traded hour''s close';

CREATE VIEW bi_top_posts AS
SELECT ticker AS "Ticker", hour_start AS "Hour start (UTC)", created_at AS "Posted at (UTC)", text AS "Text",
       likes AS "Likes", reposts AS "Reposts", replies AS "Replies", quotes AS "Quotes",
       sentiment_label AS "Sentiment label", sentiment_score AS "Sentiment score", post_id AS "Post id"
  FROM stock_posts;

-- A read-only role for BI users: grant it to a login (GRANT stockpipe_bi TO powerbi). Roles belong to the whole
-- server, so another database's migration may have made it already.
DO $$
BEGIN
  CREATE ROLE stockpipe_bi NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
GRANT USAGE ON SCHEMA public TO stockpipe_bi;
GRANT SELECT ON bi_stock_performance, bi_top_posts TO stockpipe_bi;

-- Down Migration
DROP VIEW bi_top_posts;
DROP VIEW bi_stock_performance;
DROP TABLE stock_posts;
