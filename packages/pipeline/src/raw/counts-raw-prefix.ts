/**
 * Where each volume source keeps its counts bodies in the raw store, by STOCKPIPE_SOURCE. A body sits under the
 * newest hour it counts (`hour=` in its key), so a run learns from one listing that no body counts its new hour.
 */
export const COUNTS_RAW_PREFIX = { live: 'x/recent-counts', sample: 'sample/x-recent-counts' } as const;
