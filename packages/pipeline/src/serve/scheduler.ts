import { nextFiring, type Schedule } from '@stockpipe/shared';
import type { Logger } from '../log.ts';
import type { Clock } from './clock.ts';
import { forgetfulMemory, type ScheduleMemory } from './schedule-memory.ts';

/** Work done on a schedule: the hourly job, or a daily task. */
export interface ScheduledTask {
  name: string;
  schedule: Schedule;
  /** Does the work of the firing at `firedAt`: the latest one due when several were missed. */
  run(firedAt: Date): Promise<void>;
  /** Runs once at start, without waiting for its first firing (the job: the last complete hour at once). */
  atStart?: boolean;
}

/** Where the scheduler stands, for health checks and the banner. */
export interface SchedulerState {
  /** The next firing of each task. */
  next: Map<string, Date | null>;
  /** The task running now, and since when. */
  running: { name: string; since: Date } | null;
}

/** How far back a remembered firing is made up at start: a daily task missed for a week runs once, for yesterday. */
const MAKE_UP_MS = 24 * 60 * 60 * 1000;

/**
 * Runs each task at its schedule's firings, one task at a time, until `signal` aborts; then the task in hand
 * finishes and it returns. A firing missed (the machine slept, a task ran long, the process was stopped) is not
 * made up one by one: the latest one missed runs once, and the job's catch-up heals the hours between. What each
 * task handled is kept in `memory`, so a firing missed while serve was stopped runs at the next start (within a day).
 */
export async function runSchedule(
  tasks: readonly ScheduledTask[],
  clock: Clock,
  signal: AbortSignal,
  log: Logger,
  state: SchedulerState = { next: new Map(), running: null },
  memory: ScheduleMemory = forgetfulMemory,
): Promise<void> {
  const start = clock.now();
  const remembered = await memory.load();
  const madeUpFrom = new Date(start.getTime() - MAKE_UP_MS);
  // Handled up to here: a task's firings after it are due. A task that runs at start is due at once; one never run
  // before waits for its first firing.
  const handled = new Map(
    tasks.map((task) => {
      const last = remembered.get(task.name);
      return [task.name, !last || last > start ? start : last < madeUpFrom ? madeUpFrom : last];
    }),
  );
  const dueAtStart = new Set(tasks.filter((task) => task.atStart).map((task) => task.name));
  while (!signal.aborted) {
    const now = clock.now();
    for (const task of tasks) {
      const latest = latestFiring(task.schedule, handled.get(task.name) as Date, now);
      const due = latest ?? (dueAtStart.has(task.name) ? now : null);
      dueAtStart.delete(task.name);
      if (!due) continue;
      handled.set(task.name, now);
      state.running = { name: task.name, since: now };
      try {
        await task.run(due);
      } catch (error) {
        log.error({ stage: 'serve', task: task.name, err: error }, 'scheduled task failed');
      } finally {
        state.running = null;
      }
      // Kept once the task has ended, failed or not: a serve killed mid-task runs it again at its next start.
      await memory
        .save(handled)
        .catch((error) => log.warn({ stage: 'serve', err: error }, 'schedule not kept'));
      if (signal.aborted) return;
    }
    const after = clock.now();
    for (const task of tasks)
      state.next.set(task.name, nextFiring(task.schedule, handled.get(task.name) as Date));
    const wake = earliest([...state.next.values()]);
    if (!wake) return;
    if (wake.getTime() > after.getTime()) await clock.sleepUntil(wake, signal);
  }
}

/** The last firing in (after, now], or null when none fell in it. */
function latestFiring(schedule: Schedule, after: Date, now: Date): Date | null {
  let latest: Date | null = null;
  for (let at = nextFiring(schedule, after); at && at <= now; at = nextFiring(schedule, at)) latest = at;
  return latest;
}

function earliest(dates: (Date | null)[]): Date | null {
  let first: Date | null = null;
  for (const date of dates) if (date && (!first || date < first)) first = date;
  return first;
}
