-- Up Migration
-- When each top post was last written, as S3 and DynamoDB know of a raw body and a post document: the posts'
-- retention counts from it, so a backfilled older hour keeps its top posts as long as its documents. Rows already
-- loaded count from now.
ALTER TABLE stock_posts ADD COLUMN loaded_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX stock_posts_loaded_at ON stock_posts (loaded_at);

-- Down Migration
DROP INDEX stock_posts_loaded_at;
ALTER TABLE stock_posts DROP COLUMN loaded_at;
