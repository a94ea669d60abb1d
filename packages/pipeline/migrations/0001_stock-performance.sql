-- Up Migration
-- One row per ticker and logical hour: the hour's popular sentiment beside the hour's price.
CREATE TABLE stock_performance (
  ticker          text             NOT NULL,
  hour_start      timestamptz      NOT NULL CHECK (date_trunc('hour', hour_start) = hour_start),
  post_count      integer          NOT NULL CHECK (post_count >= 0),
  scored_count    integer          NOT NULL CHECK (scored_count BETWEEN 0 AND post_count),
  sentiment_score double precision CHECK (sentiment_score BETWEEN -1 AND 1),
  sentiment_label text             CHECK (sentiment_label IN ('POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED')),
  positive_count  integer          NOT NULL CHECK (positive_count >= 0),
  negative_count  integer          NOT NULL CHECK (negative_count >= 0),
  neutral_count   integer          NOT NULL CHECK (neutral_count >= 0),
  mixed_count     integer          NOT NULL CHECK (mixed_count >= 0),
  market_closed   boolean          NOT NULL,
  open            numeric(14, 4),
  high            numeric(14, 4),
  low             numeric(14, 4),
  close           numeric(14, 4),
  volume          bigint,
  candle_interval text             CHECK (candle_interval IN ('30m', '1h')),
  run_id          text             NOT NULL,
  loaded_at       timestamptz      NOT NULL DEFAULT now(),
  PRIMARY KEY (ticker, hour_start),
  -- A traded hour has a price; a closed one has none.
  CHECK (market_closed = (close IS NULL))
);

COMMENT ON TABLE stock_performance IS 'stockpipe: sentiment of popular X posts and the price candle, per ticker and UTC hour';
COMMENT ON COLUMN stock_performance.sentiment_score IS 'engagement-weighted mean of (Positive - Negative) over scored posts, in [-1, 1]';
COMMENT ON COLUMN stock_performance.run_id IS 'the run that last changed this row';

-- Down Migration
DROP TABLE stock_performance;
