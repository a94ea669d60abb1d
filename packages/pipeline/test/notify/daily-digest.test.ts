import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/notify/daily-digest.ts';
import type { LedgerRecord, StoredRow } from '../../src/records.ts';
import { hoursBetween, statusCells } from '../../src/status/grid.ts';
import { at, ledgerRecord } from '../support/ledger-records.ts';

const day = new Date(Date.UTC(2024, 11, 6));
const hours = hoursBetween(at(14), at(17)); // four scheduled hours

function row(ticker: string, h: number, over: Partial<StoredRow> = {}): StoredRow {
  return {
    ticker,
    hourStart: at(h),
    postCount: 10,
    scoredCount: 10,
    sentimentScore: 0,
    sentimentLabel: 'NEUTRAL',
    majorityLabel: 'NEUTRAL',
    sentimentWeight: 10,
    postVolume: null,
    positiveCount: 0,
    negativeCount: 0,
    neutralCount: 10,
    mixedCount: 0,
    marketClosed: false,
    open: 100,
    high: 101,
    low: 99,
    close: 100,
    volume: 1000,
    candleInterval: '30m',
    runId: 'r',
    source: 'sample',
    previousClose: null,
    changePct: null,
    lastClose: 100,
    lastCloseAt: at(h),
    ...over,
  };
}

const loaded = (ticker: string, h: number) => ledgerRecord(ticker, h, { runId: 'r' });

const failed = (ticker: string, h: number): LedgerRecord => ({
  ...loaded(ticker, h),
  state: 'failed',
  stage: 'extract',
  reason: 'X answered 503',
  failures: 1,
  marketClosed: null,
});

describe('the daily digest', () => {
  const rows = [
    row('AMZN', 14, { previousClose: 200, sentimentScore: 0.5, scoredCount: 10 }),
    row('AMZN', 15, { sentimentScore: -0.3, scoredCount: 30 }),
    row('AMZN', 16, { close: 210, sentimentScore: -0.2, scoredCount: 5 }),
    row('MSFT', 14, { sentimentScore: 0.1 }),
    // Two scored posts: too few to call a move, however large.
    row('MSFT', 15, { sentimentScore: -0.9, scoredCount: 2 }),
  ];
  const ledger = [
    loaded('AMZN', 14),
    loaded('AMZN', 15),
    loaded('AMZN', 16),
    loaded('MSFT', 14),
    failed('MSFT', 15),
  ];
  const notice = composeDigest({
    day,
    tickers: ['AMZN', 'MSFT'],
    scheduleText: 'hourly',
    cells: statusCells(['AMZN', 'MSFT'], hours, ledger),
    rows: rows.filter((r) => !(r.ticker === 'MSFT' && r.hourStart.getTime() === at(15).getTime())),
  });

  it('names the day and its counts in the subject, with status digest', () => {
    expect(notice.status).toBe('digest');
    expect(notice.subject).toBe('stockpipe digest 2024-12-06: 4/8 ticker-hours loaded, 1 failed, 3 missing');
  });

  it('gives each ticker its hours, posts, scored-post-weighted sentiment and the day’s price move', () => {
    // (0.5·10 − 0.3·30 − 0.2·5) / 45 = −0.111; from the first traded open (200) to the last close (210): +5%.
    expect(notice.message).toMatch(/\nAMZN +3 +0 +1 +30 +−0\.111 +200\.00 → 210\.00 \(\+5\.00%\)\n/);
    expect(notice.message).toMatch(/\nMSFT +1 +1 +2 +10 +\+0\.100 +100\.00 \(change unknown\)\n/);
  });

  it('lists what failed with its reason first, then what is missing', () => {
    const problems = notice.message.split('Failed or missing')[1]?.split('\n\n')[0]?.split('\n').slice(1);
    expect(problems).toEqual([
      '  MSFT 2024-12-06T15:00Z failed at extract: X answered 503',
      '  AMZN 2024-12-06T17:00Z missing: no run recorded it',
      '  MSFT 2024-12-06T16:00Z missing: no run recorded it',
      '  MSFT 2024-12-06T17:00Z missing: no run recorded it',
    ]);
    expect(notice.message).toMatch(/`stockpipe status` shows how to repair them/);
  });

  it('ranks hour-on-hour sentiment moves by size, among hours with enough scored posts', () => {
    const moves = notice.message.split('Biggest sentiment moves')[1]?.split('\n').slice(1) ?? [];
    expect(moves).toEqual([
      '  AMZN 2024-12-06T15:00Z  +0.500 → −0.300 (−0.800), 30 scored posts',
      '  AMZN 2024-12-06T16:00Z  −0.300 → −0.200 (+0.100), 5 scored posts',
    ]);
  });

  it("changes the day against the previous trading day's close, unknown when the first hour is not loaded", () => {
    const digest = (dayRows: StoredRow[]) =>
      composeDigest({ day, tickers: ['AMZN'], scheduleText: 'hourly', cells: [], rows: dayRows }).message;
    // 15:00's previous close is 14:00's: the day's change would be an hour's.
    expect(digest([row('AMZN', 15, { previousClose: 99, close: 101 })])).toMatch(
      /101\.00 \(change unknown\)/,
    );
    expect(
      digest([row('AMZN', 14, { open: 200, previousClose: 100 }), row('AMZN', 15, { close: 101 })]),
    ).toMatch(/100\.00 → 101\.00 \(\+1\.00%\)/);
  });

  it('says so when nothing failed and nothing moved, and never calls a trading day without prices closed', () => {
    const quiet = composeDigest({
      day,
      tickers: ['AMZN'],
      scheduleText: 'market-hours',
      cells: statusCells(['AMZN'], [at(14)], [{ ...loaded('AMZN', 14), marketClosed: true }]),
      rows: [row('AMZN', 14, { marketClosed: true, open: null, close: null })],
    });
    expect(quiet.subject).toBe('stockpipe digest 2024-12-06: 1/1 ticker-hour loaded');
    expect(quiet.message).toMatch(/Nothing failed or is missing\./);
    expect(quiet.message).toMatch(/No sentiment moves/);
    // Friday 2024-12-06 was a trading day: nothing traded was loaded, which is not the market being closed.
    expect(quiet.message).toMatch(/\nAMZN +1 +0 +0 +10 +\+0\.000 +no traded hour loaded\n/);
  });

  it('calls a day closed when the NYSE calendar has no session that day', () => {
    const saturday = new Date(Date.UTC(2024, 11, 7));
    const hour = new Date(Date.UTC(2024, 11, 7, 15));
    const weekend = composeDigest({
      day: saturday,
      tickers: ['AMZN'],
      scheduleText: 'hourly',
      cells: statusCells(['AMZN'], [hour], [{ ...loaded('AMZN', 14), hourStart: hour, marketClosed: true }]),
      rows: [row('AMZN', 14, { hourStart: hour, marketClosed: true, open: null, close: null })],
    });
    expect(weekend.message).toMatch(/\nAMZN +1 +0 +0 +10 +\+0\.000 +closed\n/);
  });
});
