import { describe, expect, it } from 'vitest';
import {
  cellJson,
  hoursBetween,
  renderStatus,
  repairCommands,
  type StatusCell,
  statusCells,
} from '../../src/status/grid.ts';
import { at, ledgerRecord } from '../support/ledger-records.ts';

const record = ledgerRecord;
const failed = (ticker: string, h: number, failures: number) =>
  record(ticker, h, {
    state: 'failed',
    stage: 'extract',
    reason: 'X answered 503',
    failures,
    attempts: failures,
  });
const hours = hoursBetween(at(12), at(16));
const ledger = [
  record('AMZN', 12, { marketClosed: true }),
  record('AMZN', 13),
  failed('AMZN', 14, 1),
  failed('AMZN', 15, 3),
  record('MSFT', 12),
];
const cells = statusCells(['AMZN', 'MSFT'], hours, ledger);

describe('status', () => {
  it('tells each ticker-hour apart: loaded, market closed, failed, gave up, missing', () => {
    expect(cells.map((c) => c.state)).toEqual([
      'closed',
      'loaded',
      'failed',
      'gave_up',
      'missing',
      'loaded',
      'missing',
      'missing',
      'missing',
      'missing',
    ]);
    const grid = renderStatus(['AMZN', 'MSFT'], hours, cells);
    expect(grid).toMatch(/\nAMZN +c✓✗!·\n/);
    expect(grid).toMatch(/\nMSFT +✓····\n/);
    expect(grid).toMatch(/AMZN 2024-12-06T14:00Z failed at extract: X answered 503 \(1 attempt\)/);
    expect(grid).toMatch(/AMZN 2024-12-06T15:00Z gave up at extract/);
    expect(grid).toMatch(/Missing: 5 ticker-hours never attempted\./);
    const one = hoursBetween(at(16), at(16));
    expect(renderStatus(['MSFT'], one, statusCells(['MSFT'], one, []))).toMatch(
      /Missing: 1 ticker-hour never attempted\./,
    );
  });

  it('leaves blank the hours the schedule does not run, unless a run recorded them, and repairs none of them', () => {
    const evenOnly = (h: Date) => h.getUTCHours() % 2 === 0;
    const scheduled = statusCells(['AMZN', 'MSFT'], hours, ledger, evenOnly);
    expect(scheduled.filter((c) => c.ticker === 'MSFT').map((c) => c.state)).toEqual([
      'loaded',
      'unscheduled',
      'missing',
      'unscheduled',
      'missing',
    ]);
    // AMZN 15 failed (a manual run, a backfill): still shown, though off the schedule.
    expect(scheduled.find((c) => c.ticker === 'AMZN' && c.hourStart.getUTCHours() === 15)?.state).toBe(
      'gave_up',
    );
    const grid = renderStatus(['AMZN', 'MSFT'], hours, scheduled);
    expect(grid).toMatch(/\nMSFT +✓ · ·\n/);
    expect(grid).toMatch(/blank: not on the schedule/);
    expect(grid).toMatch(/Missing: 3 ticker-hours never attempted\./);
    expect(cellJson(scheduled[6] as StatusCell)).toEqual({
      ticker: 'MSFT',
      hour: '2024-12-06T13:00:00.000Z',
      state: 'unscheduled',
    });
  });

  it('prints one JSON object per ticker-hour, market_closed and the row’s source on loaded ones', () => {
    expect(cells.slice(0, 5).map(cellJson)).toEqual([
      {
        ticker: 'AMZN',
        hour: '2024-12-06T12:00:00.000Z',
        state: 'loaded',
        market_closed: true,
        attempts: 1,
        source: 'sample',
      },
      {
        ticker: 'AMZN',
        hour: '2024-12-06T13:00:00.000Z',
        state: 'loaded',
        market_closed: false,
        attempts: 1,
        source: 'sample',
      },
      {
        ticker: 'AMZN',
        hour: '2024-12-06T14:00:00.000Z',
        state: 'failed',
        stage: 'extract',
        reason: 'X answered 503',
        attempts: 1,
      },
      {
        ticker: 'AMZN',
        hour: '2024-12-06T15:00:00.000Z',
        state: 'gave_up',
        stage: 'extract',
        reason: 'X answered 503',
        attempts: 3,
      },
      { ticker: 'AMZN', hour: '2024-12-06T16:00:00.000Z', state: 'missing' },
    ]);
  });

  it('gives the backfills that repair what failed or is missing, gave-up hours with --retry-failed', () => {
    expect(repairCommands(cells)).toEqual([
      'stockpipe backfill --from 2024-12-06T13:00Z --to 2024-12-06T16:00Z --watchlist AMZN,MSFT',
      'stockpipe backfill --from 2024-12-06T15:00Z --to 2024-12-06T15:00Z --watchlist AMZN --retry-failed',
    ]);
    expect(renderStatus(['MSFT'], [at(12)], statusCells(['MSFT'], [at(12)], ledger))).toContain(
      'Every ticker-hour is loaded.',
    );
  });
});

describe('status over years', () => {
  it('renders four years of missing hours for five tickers, repairs included, without overflowing the stack', () => {
    const years = hoursBetween(new Date('2022-10-01T00:00Z'), new Date('2026-09-30T23:00Z'));
    const tickers = ['AMZN', 'AAPL', 'MSFT', 'TSLA', 'NVDA'];
    const grid = renderStatus(tickers, years, statusCells(tickers, years, []));
    expect(grid).toContain(
      'stockpipe backfill --from 2022-10-01T00:00Z --to 2026-09-30T23:00Z --watchlist AMZN,AAPL,MSFT,TSLA,NVDA',
    );
  });
});

describe('status of a loaded hour whose row is gone', () => {
  const gone = statusCells(['AMZN'], hoursBetween(at(12), at(13)), [
    record('AMZN', 12, { rowGone: true }),
    record('AMZN', 13),
  ]);

  it('shows it apart from loaded, counts it, and repairs it with a plain backfill', () => {
    expect(gone.map((c) => c.state)).toEqual(['row_gone', 'loaded']);
    const grid = renderStatus(['AMZN'], hoursBetween(at(12), at(13)), gone);
    expect(grid).toMatch(/AMZN {8}\s*\?✓/);
    expect(grid).toMatch(/Row gone: 1 ticker-hour the ledger says loaded/);
    expect(repairCommands(gone)).toEqual([
      'stockpipe backfill --from 2024-12-06T12:00Z --to 2024-12-06T12:00Z --watchlist AMZN',
    ]);
    expect(cellJson(gone[0] as StatusCell)).toEqual({
      ticker: 'AMZN',
      hour: '2024-12-06T12:00:00.000Z',
      state: 'row_gone',
      attempts: 1,
      run_id: 'r12',
    });
  });
});

describe('status of rows from different sources', () => {
  it('counts the loaded rows by source, sample and unknown named', () => {
    const mixed = statusCells(['AMZN'], hoursBetween(at(12), at(14)), [
      record('AMZN', 12, { source: 'live' }),
      record('AMZN', 13),
      record('AMZN', 14, { source: null }),
    ]);
    expect(renderStatus(['AMZN'], hoursBetween(at(12), at(14)), mixed)).toContain(
      'Rows: 1 live, 1 sample, 1 source unknown (loaded before migration 0011) (sample rows are made-up data)',
    );
    expect(cellJson(mixed[2] as StatusCell)).toMatchObject({ state: 'loaded', source: 'unknown' });
  });
});
