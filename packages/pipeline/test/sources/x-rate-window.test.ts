import { describe, expect, it } from 'vitest';
import { XRateWindow } from '../../src/sources/x-rate-window.ts';

/** A clock that moves only when the window sleeps: no real waiting. */
function fakeClock(start = Date.UTC(2026, 10, 29, 12)) {
  let now = start;
  const waits: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
  };
}
const headers = (remaining: number, resetMs: number) => ({
  'x-rate-limit-remaining': String(remaining),
  'x-rate-limit-reset': String(resetMs / 1000),
});

describe('XRateWindow', () => {
  it('lets requests through until X says none remain, then waits for the reset, once', async () => {
    const clock = fakeClock();
    const untils: Date[] = [];
    const window = new XRateWindow({ ...clock, onWait: (until) => untils.push(until) });
    await window.take(); // nothing known yet: go
    const reset = clock.now() + 60_000;
    window.update(headers(2, reset));
    await window.take();
    await window.take();
    expect(clock.waits).toEqual([]);
    await window.take(); // none left: wait until a second past the reset
    expect(clock.waits).toEqual([61_000]);
    expect(untils).toEqual([new Date(reset + 1_000)]);
    await window.take(); // a new window, not known yet
    expect(clock.waits).toHaveLength(1);
  });

  it('counts requests in flight: X’s later, higher count of the same window does not reopen it', async () => {
    const clock = fakeClock();
    const window = new XRateWindow(clock);
    const reset = clock.now() + 60_000;
    window.update(headers(1, reset));
    await window.take(); // the last one, in flight
    window.update(headers(3, reset)); // an older answer arriving late
    expect(window.state.remaining).toBe(0);
    window.update(headers(450, reset + 900_000)); // the next window
    expect(window.state.remaining).toBe(450);
  });

  it('refuses to wait past the run’s deadline, saying until when it would have', async () => {
    const clock = fakeClock();
    const window = new XRateWindow({ ...clock, deadline: () => clock.now() + 10_000 });
    window.update(headers(0, clock.now() + 60_000));
    await expect(window.take()).rejects.toThrow(/no request left until .*later than the run can wait/);
  });

  it('#20.5 refuses at once a wait longer than its patience (a reset a month away), and remembers it', async () => {
    const clock = fakeClock();
    const window = new XRateWindow(clock); // no deadline: a backfill's window
    const reset = clock.now() + 30 * 86_400_000;
    window.update(headers(0, reset));
    await expect(window.take()).rejects.toThrow(
      `X rate limit: no request left until ${new Date(reset).toISOString()}, more than 20 minutes away, longer than stockpipe waits for X`,
    );
    expect(clock.waits).toEqual([]);
    expect(window.refused?.until).toEqual(new Date(reset));
  });

  it('#20.5 ends a wait at once when asked to stop, whatever is left of it', async () => {
    const window = new XRateWindow(); // the real clock and sleep
    window.update(headers(0, Date.now() + 5 * 60_000));
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error('stopped (SIGTERM)')), 50);
    await expect(window.take(stop.signal)).rejects.toThrow('stopped (SIGTERM)');
  });
});
