/**
 * Where each posts source keeps its search bodies in the raw store, by STOCKPIPE_SOURCE: the sources stage them
 * there, and compliance finds them there without opening a source.
 */
export const POSTS_RAW_PREFIX = { live: 'x/recent-search', sample: 'sample/x-recent-search' } as const;
