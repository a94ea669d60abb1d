import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** What the scheduler knows of time: now, and a way to wait for a moment that can be cut short. */
export interface Clock {
  now(): Date;
  /** Resolves at `at` (at once when it has passed), or as soon as `signal` aborts. */
  sleepUntil(at: Date, signal: AbortSignal): Promise<void>;
}

// Timers count time the machine is awake; a laptop that slept through a run is noticed within this step of waking.
const WAKE_CHECK_MS = 30_000;

export const systemClock: Clock = {
  now: () => new Date(),
  sleepUntil: (at, signal) => sleepInSteps(() => Date.now(), at, signal, WAKE_CHECK_MS),
};

/**
 * A clock that reads the time from a file (an ISO instant), for tests that drive a real `serve` through hours in
 * seconds: the test writes a later time, and the scheduler sees it within a tenth of a second.
 */
export function fileClock(path: string): Clock {
  // A writer that truncates before it writes can be caught between the two: keep the last instant read then.
  let last: Date | undefined;
  const read = () => {
    const text = readFileSync(path, 'utf8').trim();
    const at = new Date(text);
    if (!Number.isNaN(at.getTime())) last = at;
    else if (text !== '' || last === undefined)
      throw new Error(`--clock-file ${path}: expected an ISO instant, got "${text}"`);
    return last;
  };
  return {
    now: read,
    sleepUntil: (at, signal) => sleepInSteps(() => read().getTime(), at, signal, 100),
  };
}

async function sleepInSteps(now: () => number, at: Date, signal: AbortSignal, stepMs: number): Promise<void> {
  while (!signal.aborted && now() < at.getTime()) {
    await sleep(Math.min(stepMs, Math.max(1, at.getTime() - now())), undefined, { signal }).catch(() => {});
  }
}
