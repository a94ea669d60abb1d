import { parseDailySchedule, parseSchedule } from '@stockpipe/shared';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/serve/clock.ts';
import { runSchedule, type ScheduledTask } from '../../src/serve/scheduler.ts';

/** A clock the test moves by steps: each sleep jumps to the next planned instant, or ends the schedule. */
function steppingClock(start: string, steps: string[], stop: AbortController): Clock {
  let now = new Date(start);
  return {
    now: () => now,
    async sleepUntil() {
      const next = steps.shift();
      if (!next) {
        stop.abort();
        return;
      }
      now = new Date(next);
    },
  };
}

function recording(name: string, schedule: ReturnType<typeof parseSchedule>, atStart = false) {
  const fired: string[] = [];
  const task: ScheduledTask = {
    name,
    schedule,
    atStart,
    async run(firedAt) {
      fired.push(firedAt.toISOString().slice(0, 16));
    },
  };
  return { task, fired };
}

const silent = pino({ level: 'silent' });

describe('runSchedule', () => {
  it('runs at start, at each firing, and once for firings missed while asleep', async () => {
    const stop = new AbortController();
    const job = recording('run', parseSchedule('hourly', 5), true);
    const clock = steppingClock(
      '2024-12-06T15:30:00Z',
      ['2024-12-06T16:05:00Z', '2024-12-06T17:05:00Z', '2024-12-06T22:06:00Z'],
      stop,
    );
    await runSchedule([job.task], clock, stop.signal, silent);
    expect(job.fired).toEqual([
      '2024-12-06T15:30',
      '2024-12-06T16:05',
      '2024-12-06T17:05',
      '2024-12-06T22:05',
    ]);
  });

  it('runs a daily task once a day, and nothing off its schedule', async () => {
    const stop = new AbortController();
    const daily = recording('digest', parseDailySchedule('00:30') as ReturnType<typeof parseSchedule>);
    const market = recording('run', parseSchedule('market-hours', 5));
    const clock = steppingClock(
      '2024-12-07T12:00:00Z', // a Saturday
      ['2024-12-08T00:30:00Z', '2024-12-08T18:00:00Z', '2024-12-09T00:30:00Z', '2024-12-09T15:05:00Z'],
      stop,
    );
    await runSchedule([market.task, daily.task], clock, stop.signal, silent);
    expect(daily.fired).toEqual(['2024-12-08T00:30', '2024-12-09T00:30']);
    expect(market.fired).toEqual(['2024-12-09T15:05']);
  });

  it('never starts a task twice: a run that outlasts the next firing is followed by one run, not two', async () => {
    const stop = new AbortController();
    let now = new Date('2024-12-06T15:30:00Z');
    const fired: string[] = [];
    const task: ScheduledTask = {
      name: 'run',
      schedule: parseSchedule('hourly', 5),
      atStart: true,
      async run(firedAt) {
        fired.push(firedAt.toISOString().slice(11, 16));
        // The first run takes two and a half hours.
        if (fired.length === 1) now = new Date('2024-12-06T18:00:00Z');
        else stop.abort();
      },
    };
    const clock: Clock = {
      now: () => now,
      async sleepUntil(at) {
        now = at;
      },
    };
    await runSchedule([task], clock, stop.signal, silent);
    expect(fired).toEqual(['15:30', '17:05']);
  });
});
