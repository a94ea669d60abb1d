/**
 * Another process holds what this one needs (the hour, or the embedded data dir) and did not let go within
 * STOCKPIPE_LOCK_WAIT_SECONDS: the command stops with exit 1 instead of writing beside it.
 */
export class BusyError extends Error {
  override readonly name = 'BusyError';
}
