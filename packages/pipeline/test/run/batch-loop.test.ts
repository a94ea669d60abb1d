import { describe, expect, it } from 'vitest';
import type { HeldHours } from '../../src/ports.ts';
import { readAhead, runBatches } from '../../src/run/batch-loop.ts';
import { BatchTally } from '../../src/run/batch-tally.ts';
import type { TickerOutcome } from '../../src/run-report.ts';

const hour = (h: number) => new Date(Date.UTC(2024, 11, 6, h));
interface Item {
  ticker: string;
  hourStart: Date;
}

/** Locks in memory: hours in `taken` belong to another run. */
function locks(taken: number[] = [], calls: string[] = []) {
  return {
    async lockHours(hours: readonly Date[]): Promise<HeldHours> {
      calls.push(`lock ${hours.map((h) => h.getUTCHours()).join(',')}`);
      return {
        hours: hours.filter((h) => !taken.includes(h.getUTCHours())),
        release: async () => {
          calls.push('release');
        },
      };
    },
  };
}

const loaded = (item: Item): TickerOutcome => ({
  ticker: item.ticker,
  hourStart: item.hourStart,
  status: 'loaded',
  row: {} as never,
});
const failed = (
  item: Item,
  stage: 'transform' | 'load' = 'transform',
  reason = 'bad body',
): TickerOutcome => ({
  ticker: item.ticker,
  hourStart: item.hourStart,
  status: 'failed',
  stage,
  reason,
});

async function* batchesOf(batches: Item[][], read: string[] = []) {
  for (const [i, items] of batches.entries()) {
    read.push(`read ${i}`);
    yield { items };
  }
}

const work = (process: (held: Item[]) => TickerOutcome[], calls: string[] = []) => ({
  hourOf: (item: Item) => item.hourStart,
  tickerOf: (item: Item) => item.ticker,
  async process(held: Item[]) {
    calls.push(`process ${held.map((i) => `${i.ticker}@${i.hourStart.getUTCHours()}`).join(',')}`);
    return { outcomes: process(held), rowsChanged: held.length };
  },
});

describe('runBatches', () => {
  it('stops, saying how many loaded, when a batch’s whole load was lost with the connection', async () => {
    const lost = (item: Item) => failed(item, 'load', 'Connection terminated unexpectedly');
    const batches = [
      [{ ticker: 'AMZN', hourStart: hour(14) }],
      [{ ticker: 'AMZN', hourStart: hour(15) }],
      [{ ticker: 'AMZN', hourStart: hour(16) }],
    ];
    let n = 0;
    const run = runBatches(
      locks(),
      batchesOf(batches),
      work((held) => held.map(n++ === 0 ? loaded : lost)),
      new BatchTally(),
      () => false,
    );
    await expect(run).rejects.toThrow(
      /^the warehouse stopped answering \(Connection terminated unexpectedly\) after 1 ticker-hours loaded; /,
    );
    expect(n).toBe(2); // the third batch is not begun
  });

  it('stops the same way when reading the next batch finds the warehouse gone', async () => {
    async function* refused() {
      yield* [];
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });
    }
    const run = runBatches(
      locks(),
      refused(),
      work(() => []),
      new BatchTally(),
      () => false,
    );
    await expect(run).rejects.toThrow(
      /^the warehouse stopped answering \(connect ECONNREFUSED 127\.0\.0\.1:5433\) after 0 ticker-hours/,
    );
  });

  it('goes on past a batch that failed at the load for a reason of its own', async () => {
    const refusedRow = (item: Item) => failed(item, 'load', 'value too long');
    const tally = new BatchTally();
    const batches = [[{ ticker: 'AMZN', hourStart: hour(14) }], [{ ticker: 'AMZN', hourStart: hour(15) }]];
    await runBatches(
      locks(),
      batchesOf(batches),
      work((held) => held.map(refusedRow)),
      tally,
      () => false,
    );
    expect(tally.failed.count).toBe(2);
  });

  it('holds each batch’s hours, processes what it holds, releases, and tallies; busy hours are left out', async () => {
    const calls: string[] = [];
    const tally = new BatchTally();
    const result = await runBatches(
      locks([16], calls),
      batchesOf([
        [
          { ticker: 'AMZN', hourStart: hour(15) },
          { ticker: 'MSFT', hourStart: hour(15) },
          { ticker: 'AMZN', hourStart: hour(16) },
        ],
        [{ ticker: 'AMZN', hourStart: hour(17) }],
      ]),
      work((held) => held.map((i) => (i.ticker === 'MSFT' ? failed(i) : loaded(i))), calls),
      tally,
      () => false,
    );
    expect(result).toEqual({ interrupted: false });
    expect(calls).toEqual([
      'lock 15,16',
      'process AMZN@15,MSFT@15',
      'release',
      'lock 17',
      'process AMZN@17',
      'release',
    ]);
    expect({ loaded: tally.loaded, failed: tally.failed.count, rows: tally.rowsChanged }).toEqual({
      loaded: 2,
      failed: 1,
      rows: 3,
    });
    expect(tally.busy.entries()).toEqual([['AMZN', { count: 1, first: hour(16), last: hour(16) }]]);
  });

  it('stops between batches when asked, finishing the batch in hand, and reads no further', async () => {
    const read: string[] = [];
    let asked = false;
    const tally = new BatchTally();
    const result = await runBatches(
      locks(),
      batchesOf([[{ ticker: 'AMZN', hourStart: hour(15) }], [{ ticker: 'AMZN', hourStart: hour(16) }]], read),
      work((held) => {
        asked = true;
        return held.map(loaded);
      }),
      tally,
      () => asked,
    );
    expect(result).toEqual({ interrupted: true });
    expect(read).toEqual(['read 0']);
    expect(tally.loaded).toBe(1);
  });

  it('names the first 20 failures and counts the rest, so memory stays flat', async () => {
    const tally = new BatchTally();
    const items = Array.from({ length: 50 }, (_, i) => ({ ticker: `T${i}`, hourStart: hour(15) }));
    await runBatches(
      locks(),
      batchesOf([items.slice(0, 25), items.slice(25)]),
      work((held) => held.map((item) => failed(item))),
      tally,
      () => false,
    );
    expect(tally.failed.count).toBe(50);
    expect(tally.failed.named.map((o) => o.ticker)).toEqual(items.slice(0, 20).map((i) => i.ticker));
    expect(tally.failed.unnamed).toBe(30);
  });
});

describe('readAhead', () => {
  it('reads the next batch while the consumer works on this one, and no further', async () => {
    const read: string[] = [];
    const ahead = readAhead(batchesOf([[], [], []], read));
    const first = await ahead.next();
    expect(first.done).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(read).toEqual(['read 0', 'read 1']);
    await ahead.return(undefined);
    expect(read).toEqual(['read 0', 'read 1']);
  });

  it('keeps a read that fails while the consumer works for the consumer, not as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      async function* failingSecond() {
        yield 'first';
        throw new Error('the warehouse went away');
      }
      const ahead = readAhead(failingSecond());
      expect((await ahead.next()).value).toBe('first');
      // The consumer is busy with the first batch for a while; the read ahead fails meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(ahead.next()).rejects.toThrow('the warehouse went away');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});
