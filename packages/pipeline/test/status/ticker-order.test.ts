import { describe, expect, it } from 'vitest';
import { busyLines, failedLines } from '../../src/cli/batch-summary.ts';
import { BatchTally } from '../../src/run/batch-tally.ts';
import { byWatchlist, inWatchlistOrder } from '../../src/status/ticker-order.ts';
import { tickersToShow } from '../../src/status/tickers-to-show.ts';

const WATCHLIST = ['AMZN', 'AAPL', 'MSFT'];
const at = (h: number) => new Date(Date.UTC(2024, 11, 6, h));

describe('one ticker order in every command', () => {
  it('follows the watchlist as written, then the tickers not on it from A to Z, each once', () => {
    expect(inWatchlistOrder(['ZM', 'MSFT', 'BA', 'AMZN', 'AAPL', 'BA'], WATCHLIST)).toEqual([
      'AMZN',
      'AAPL',
      'MSFT',
      'BA',
      'ZM',
    ]);
  });

  it('is what status, digest, analyze and serve show: the watchlist, then other tickers with rows', async () => {
    const warehouse = { tickersWithRows: async () => ['ZM', 'AAPL', 'BA'] };
    const watchlist = WATCHLIST.map((ticker) => ({ ticker, query: `$${ticker}` }));
    const period = { from: at(0), to: at(1) };
    expect(await tickersToShow(undefined, watchlist, warehouse, period)).toEqual([
      'AMZN',
      'AAPL',
      'MSFT',
      'BA',
      'ZM',
    ]);
  });

  it('is how backfill and replay list failures and busy hours, whatever order the batches finished in', () => {
    const tally = new BatchTally();
    const failed = (ticker: string, h: number) =>
      ({ ticker, hourStart: at(h), status: 'failed', stage: 'extract', reason: 'X answered 503' }) as const;
    tally.add([failed('MSFT', 14), failed('AMZN', 15), failed('AMZN', 14), failed('AAPL', 14)]);
    for (const ticker of ['MSFT', 'AAPL', 'AMZN']) tally.busy.note(ticker, at(16));
    const order = byWatchlist(WATCHLIST);
    expect(failedLines(tally, order).map((l) => l.trim().slice(0, 22))).toEqual([
      'AMZN 2024-12-06T14:00Z',
      'AMZN 2024-12-06T15:00Z',
      'AAPL 2024-12-06T14:00Z',
      'MSFT 2024-12-06T14:00Z',
    ]);
    expect(busyLines(tally, 'backfill', order).map((l) => l.trim().slice(0, 4))).toEqual([
      'AMZN',
      'AAPL',
      'MSFT',
    ]);
  });
});
