import { hourLabel } from '../time/hours.ts';

/** What `serve` knows of its runs, for /healthz and the status page. */
export interface RunHealth {
  last: { hourStart: Date; finishedAt: Date; status: 'succeeded' | 'failed'; failed: string[] } | null;
  /** When the next scheduled run is due; null when the schedule never fires. */
  next: Date | null;
  /** The run in hand, if any, and since when. */
  running: Date | null;
}

/**
 * 200 while runs succeed and come when due; 503 when the last run failed, or a run is overdue: the next one did not
 * start within `graceMs` of its time, or the one in hand has run longer than that.
 */
export function judgeHealth(
  health: RunHealth,
  now: Date,
  graceMs: number,
): { status: 200 | 503; body: Record<string, unknown> } {
  const overdue =
    (health.running !== null && now.getTime() - health.running.getTime() > graceMs) ||
    (health.running === null && health.next !== null && now.getTime() - health.next.getTime() > graceMs);
  const failed = health.last?.status === 'failed';
  const state = overdue ? 'overdue' : failed ? 'failing' : 'ok';
  return {
    status: state === 'ok' ? 200 : 503,
    body: {
      status: state,
      lastRun: health.last && {
        hour: hourLabel(health.last.hourStart),
        finishedAt: health.last.finishedAt.toISOString(),
        outcome: health.last.status,
        ...(health.last.failed.length > 0 ? { failed: health.last.failed } : {}),
      },
      running: health.running?.toISOString() ?? null,
      nextRun: health.next?.toISOString() ?? null,
    },
  };
}
