-- Up Migration
-- What `stockpipe analyze --save` found per ticker over a range of hours: its verdict and every figure behind it, as
-- `analyze --json` prints them (`result`). One row per ticker, replaced by each save: serve refreshes it daily over a
-- growing range, and a row per range would pile up a year of stale verdicts. The dashboard's lead–lag panel draws
-- it; BI tools read the figures flat through bi_lead_lag.
CREATE TABLE stock_lead_lag (
  ticker       text        PRIMARY KEY,
  range_from   timestamptz NOT NULL,
  range_to     timestamptz NOT NULL, -- the last hour analysed, included
  verdict      text        NOT NULL
    CHECK (verdict IN ('leads', 'follows', 'feedback', 'moves_with', 'no_evidence', 'too_few_hours')),
  hours        integer     NOT NULL CHECK (hours >= 0),
  underpowered boolean     NOT NULL,
  -- How many tests the run's q-values correct for: every test of every ticker analysed with this one.
  comparisons  integer     NOT NULL CHECK (comparisons >= 0),
  result       jsonb       NOT NULL,
  computed_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE stock_lead_lag IS
  'stockpipe analyze --save: per ticker, over the range last analysed, whether X sentiment leads, moves with or follows hourly returns';

-- The aligned hourly series behind the latest analysis of each ticker: returns within a NYSE session only, the
-- opening gap apart, sentiment only where enough posts were scored, and sentiment 1–3 traded hours earlier in the
-- same session. Computed by the analysis and stored, so that BI tools see exactly the series it tested.
CREATE TABLE stock_hourly_returns (
  ticker          text             NOT NULL,
  hour_start      timestamptz      NOT NULL,
  session         date             NOT NULL,
  hour_of_day     smallint         NOT NULL,
  log_return      double precision,
  opening_gap     double precision,
  sentiment       double precision,
  post_volume     integer,
  sentiment_lag_1 double precision,
  sentiment_lag_2 double precision,
  sentiment_lag_3 double precision,
  PRIMARY KEY (ticker, hour_start)
);

CREATE VIEW bi_hourly_returns AS
SELECT ticker AS "Ticker", hour_start AS "Hour start (UTC)", session AS "Session (New York)",
       hour_of_day AS "Hour of day (New York)", log_return AS "Log return", opening_gap AS "Opening gap",
       sentiment AS "Sentiment", post_volume AS "Post volume", sentiment_lag_1 AS "Sentiment 1 hour before",
       sentiment_lag_2 AS "Sentiment 2 hours before", sentiment_lag_3 AS "Sentiment 3 hours before"
  FROM stock_hourly_returns;

-- One row per ticker, range and lag: the cross-correlogram with its intervals and q-values, the verdict beside.
CREATE VIEW bi_lead_lag AS
SELECT l.ticker AS "Ticker", l.range_from AS "From (UTC)", l.range_to AS "To (UTC)", l.verdict AS "Verdict",
       l.hours AS "Aligned hours", l.underpowered AS "Underpowered", l.comparisons AS "Comparisons",
       (c ->> 'lag')::int AS "Lag (hours, sentiment first)", (c ->> 'r')::double precision AS "r",
       (c ->> 'lo')::double precision AS "r low (95%)", (c ->> 'hi')::double precision AS "r high (95%)",
       (c ->> 'n')::int AS "Pairs", (c ->> 'q')::double precision AS "q", l.computed_at AS "Computed at"
  FROM stock_lead_lag l
  CROSS JOIN LATERAL jsonb_array_elements(l.result -> 'crossCorrelation') AS c;

GRANT SELECT ON bi_hourly_returns, bi_lead_lag TO stockpipe_bi;

-- Down Migration
DROP VIEW bi_lead_lag;
DROP VIEW bi_hourly_returns;
DROP TABLE stock_hourly_returns;
DROP TABLE stock_lead_lag;
