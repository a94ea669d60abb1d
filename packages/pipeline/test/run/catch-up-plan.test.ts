import { describe, expect, it } from 'vitest';
import { GIVE_UP_AFTER, planCatchUp } from '../../src/run/catch-up-plan.ts';
import { at, ledgerRecord } from '../support/ledger-records.ts';

const watchlist = [
  { ticker: 'AMZN', query: '#Amazon' },
  { ticker: 'MSFT', query: '#Microsoft' },
];
const record = ledgerRecord;
const failed = (ticker: string, h: number, failures = 1) =>
  record(ticker, h, {
    state: 'failed',
    stage: 'extract',
    reason: 'X answered 503',
    failures,
    attempts: failures,
  });
const plan = (over: Partial<Parameters<typeof planCatchUp>[0]> = {}) =>
  planCatchUp({
    hourStart: at(20),
    watchlist,
    lookBackHours: 24,
    maxHours: 6,
    ledger: [],
    firstRecorded: new Map([
      ['AMZN', at(0)],
      ['MSFT', at(0)],
    ]),
    ...over,
  });
const healed = (p: ReturnType<typeof plan>) =>
  p.heal.map((h) => `${h.entry.ticker}@${h.hourStart.getUTCHours()}:${h.from}`);

describe('planCatchUp', () => {
  it('heals failed ticker-hours and gaps since each ticker started, oldest first, from staged bodies when kept', () => {
    const ledger = [
      ...[0, 1, 2, 3, 4].flatMap((h) => [record('AMZN', h), record('MSFT', h)]),
      record('AMZN', 5),
      failed('MSFT', 5),
      ...[6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19].flatMap((h) => [
        record('AMZN', h),
        record('MSFT', h),
      ]),
    ].filter((r) => !(r.ticker === 'AMZN' && r.hourStart.getUTCHours() === 12));
    expect(healed(plan({ ledger }))).toEqual(['MSFT@5:staged-or-sources', 'AMZN@12:staged-or-sources']);
  });

  it('leaves alone the hours before a ticker was first recorded: history is backfill’s, not paid for unasked', () => {
    const p = plan({ firstRecorded: new Map([['AMZN', at(18)]]), ledger: [record('AMZN', 18)] });
    expect(healed(p)).toEqual(['AMZN@19:staged-or-sources']);
  });

  it('heals at most the maximum of hours per run, oldest first, and says how many wait', () => {
    // Both tickers started at 0; nothing recorded since: hours 1 to 19 are gaps.
    const p = plan({ maxHours: 2, ledger: [record('AMZN', 0), record('MSFT', 0)] });
    expect(healed(p)).toEqual([
      'AMZN@1:staged-or-sources',
      'MSFT@1:staged-or-sources',
      'AMZN@2:staged-or-sources',
      'MSFT@2:staged-or-sources',
    ]);
    expect(p.deferred).toBe(2 * (19 - 2));
  });

  it('gives up on a ticker-hour that failed three times in a row, and reports it', () => {
    const p = plan({
      lookBackHours: 2,
      ledger: [
        failed('AMZN', 18, GIVE_UP_AFTER),
        failed('MSFT', 18, 2),
        record('AMZN', 19),
        record('MSFT', 19),
      ],
    });
    expect(healed(p)).toEqual(['MSFT@18:staged-or-sources']);
    expect(p.gaveUp.map((r) => r.ticker)).toEqual(['AMZN']);
  });

  it('looks back only as far as it is told, and not at all with 0, nor at hours off the schedule', () => {
    expect(healed(plan({ lookBackHours: 1 }))).toEqual([
      'AMZN@19:staged-or-sources',
      'MSFT@19:staged-or-sources',
    ]);
    expect(plan({ lookBackHours: 0 }).heal).toEqual([]);
    const onlyEven = plan({ lookBackHours: 4, isScheduled: (h) => h.getUTCHours() % 2 === 0 });
    expect(healed(onlyEven)).toEqual([
      'AMZN@16:staged-or-sources',
      'MSFT@16:staged-or-sources',
      'AMZN@18:staged-or-sources',
      'MSFT@18:staged-or-sources',
    ]);
    // An hour off the schedule that a manual run or a backfill tried and failed is still healed.
    const triedOffSchedule = plan({
      lookBackHours: 4,
      isScheduled: (h) => h.getUTCHours() % 2 === 0,
      ledger: [failed('MSFT', 17)],
    });
    expect(healed(triedOffSchedule)).toContain('MSFT@17:staged-or-sources');
    expect(healed(triedOffSchedule)).not.toContain('AMZN@17:staged-or-sources');
  });
});
