import { UncountedFailure } from './run/uncounted.ts';

// The parent this process started under, read as the module loads. Read when a command starts waiting, a parent
// stopped while the command was starting (pnpm sent SIGTERM as the server's banner came out) would already be
// init's pid, and the orphan would serve on forever.
const startedUnder = process.ppid;

/**
 * Resolves when this process is asked to stop: SIGINT (Ctrl-C), SIGTERM, SIGHUP (its terminal closed), or its
 * parent is gone. The last matters under `pnpm stockpipe …`: a SIGTERM to pnpm ends pnpm and its shell but not
 * this process, which would otherwise keep serving, orphaned, with its port taken.
 */
export function stopRequested(): Promise<string> {
  return new Promise((resolve) => {
    const orphaned = setInterval(() => process.ppid !== startedUnder && stop('parent exited'), 500).unref();
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const handlers = signals.map((signal) => [signal, () => stop(signal)] as const);
    function stop(reason: string) {
      clearInterval(orphaned);
      for (const [signal, handler] of handlers) process.off(signal, handler);
      resolve(reason);
    }
    for (const [signal, handler] of handlers) process.once(signal, handler);
  });
}

/**
 * For a long command that stops between its batches: aborted once it has been asked to stop, with the reason, so
 * that its waits (X's window) end at once. The batch in hand finishes (one transaction); a rerun resumes.
 */
export function stopSignal(): AbortSignal {
  const controller = new AbortController();
  void stopRequested().then((why) =>
    controller.abort(new UncountedFailure(`stopped (${why}); run the command again to resume`)),
  );
  return controller.signal;
}

/** Says whether the command has been asked to stop yet (stopSignal, as a question). */
export function stopAsked(): () => boolean {
  const signal = stopSignal();
  return () => signal.aborted;
}
