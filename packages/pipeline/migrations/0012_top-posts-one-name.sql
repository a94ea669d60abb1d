-- Up Migration
-- One name for the top posts everywhere (TopPost, PgTopPosts, topPosts, the view bi_top_posts): the table too.
-- Views follow a renamed table by itself; BI tools read the views, whose names do not change.
ALTER TABLE stock_posts RENAME TO stock_top_posts;

-- Down Migration
ALTER TABLE stock_top_posts RENAME TO stock_posts;
