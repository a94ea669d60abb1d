import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDailySchedule, parseSchedule } from '@stockpipe/shared';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/serve/clock.ts';
import { fileScheduleMemory, type ScheduleMemory } from '../../src/serve/schedule-memory.ts';
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

  it('logs a task that throws and goes on with the others and the next firings', async () => {
    const stop = new AbortController();
    const job = recording('run', parseSchedule('hourly', 5), true);
    const failing: ScheduledTask = {
      name: 'digest',
      schedule: parseDailySchedule('16:00') as ReturnType<typeof parseSchedule>,
      async run() {
        throw new Error('the warehouse went away');
      },
    };
    const clock = steppingClock(
      '2024-12-06T15:30:00Z',
      ['2024-12-06T16:05:00Z', '2024-12-06T17:05:00Z'],
      stop,
    );
    await runSchedule([failing, job.task], clock, stop.signal, silent);
    expect(job.fired).toEqual(['2024-12-06T15:30', '2024-12-06T16:05', '2024-12-06T17:05']);
  });
});

/** A schedule memory in a file of a fresh folder, as serve keeps it in the data dir. */
async function memoryFile(): Promise<{ path: string; memory: ScheduleMemory }> {
  const path = join(await mkdtemp(join(tmpdir(), 'schedule-')), 'serve-schedule.json');
  return { path, memory: fileScheduleMemory(path) };
}

/** One serve from `start` through `steps`, with a daily digest at 00:30 and the hourly job. */
async function serveOnce(memory: ScheduleMemory, start: string, steps: string[] = []) {
  const stop = new AbortController();
  const digest = recording('digest', parseDailySchedule('00:30') as ReturnType<typeof parseSchedule>);
  const job = recording('run', parseSchedule('hourly', 5), true);
  await runSchedule(
    [job.task, digest.task],
    steppingClock(start, steps, stop),
    stop.signal,
    silent,
    undefined,
    memory,
  );
  return { digest: digest.fired, job: job.fired };
}

describe('runSchedule, stopped and started again', () => {
  it('runs a daily firing missed while stopped once at the next start, and not again after', async () => {
    const { memory } = await memoryFile();
    expect((await serveOnce(memory, '2024-12-06T22:00:00Z')).digest).toEqual([]);
    // Stopped over midnight: the 00:30 digest is made up when serve starts at 08:00.
    expect((await serveOnce(memory, '2024-12-07T08:00:00Z')).digest).toEqual(['2024-12-07T00:30']);
    expect((await serveOnce(memory, '2024-12-07T09:00:00Z')).digest).toEqual([]);
  });

  it('makes up at most a day: a week stopped gives one digest, the latest', async () => {
    const { memory } = await memoryFile();
    await serveOnce(memory, '2024-12-01T22:00:00Z');
    expect((await serveOnce(memory, '2024-12-08T08:00:00Z')).digest).toEqual(['2024-12-08T00:30']);
  });

  it('waits for the first firing on a first start, and when the memory is unreadable', async () => {
    const { path, memory } = await memoryFile();
    expect((await serveOnce(memory, '2024-12-07T08:00:00Z')).digest).toEqual([]);
    await writeFile(path, 'not json');
    expect((await serveOnce(memory, '2024-12-08T08:00:00Z')).digest).toEqual([]);
    // …and keeps a readable one again.
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ digest: '2024-12-08T08:00:00.000Z' });
  });
});
