import { describe, expect, it } from 'vitest';
import { ConfigError, MAX_WATCHLIST, parseConfig, parseWatchlist, withinSearchLimit } from '../src/index.ts';

function problemsOf(read: () => unknown): readonly string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
const fromEnv = (value: string) => problemsOf(() => parseConfig({ STOCKPIPE_WATCHLIST: value }));
const fromFlag = (value: string) => problemsOf(() => parseWatchlist(value));

describe('the watchlist', () => {
  it('takes the default only when the variable is unset: set but empty is a mistake', () => {
    expect(parseConfig({}).watchlist.map((w) => w.ticker)).toEqual(['AMZN', 'AAPL', 'MSFT', 'TSLA', 'NVDA']);
    for (const empty of ['', '  ']) {
      expect(fromEnv(empty)).toEqual([
        'STOCKPIPE_WATCHLIST: empty; expected TICKER:query pairs separated by commas, e.g. AMZN:#Amazon,MSFT:#Microsoft',
      ]);
    }
    expect(fromFlag('')).toEqual([expect.stringMatching(/^--watchlist: empty; expected TICKER:query/)]);
  });

  it('names an empty entry by its place: a trailing or doubled comma', () => {
    expect(fromEnv('AMZN, MSFT,')).toEqual([
      'STOCKPIPE_WATCHLIST: entry 3 is empty (a trailing or doubled comma)',
    ]);
    expect(fromFlag(',AMZN,,MSFT')).toEqual([
      '--watchlist: entry 1 is empty (a trailing or doubled comma)',
      '--watchlist: entry 3 is empty (a trailing or doubled comma)',
    ]);
  });

  it('names a ticker listed twice, whatever its case or search', () => {
    expect(fromEnv('AMZN,MSFT,amzn:#Amazon')).toEqual([
      'STOCKPIPE_WATCHLIST: "AMZN" appears twice; each ticker once',
    ]);
    expect(fromFlag('TSLA,TSLA,TSLA')).toEqual(['--watchlist: "TSLA" appears 3 times; each ticker once']);
  });

  it('names a ticker that breaks the rule, as written, and states the rule', () => {
    const rule = "a ticker is 1–10 of A–Z, 0–9, '.', '-', starting with a letter";
    expect(fromEnv('ÄPPL:#Apple,MSFT')).toEqual([`STOCKPIPE_WATCHLIST: "ÄPPL": ${rule}`]);
    expect(fromFlag('AMZN,not ok:#x,1ABC,ABCDEFGHIJK')).toEqual([
      `--watchlist: "not ok": ${rule}`,
      `--watchlist: "1ABC": ${rule}`,
      `--watchlist: "ABCDEFGHIJK": ${rule}`,
    ]);
    expect(parseWatchlist('brk.b,BF-B:#BrownForman').map((e) => e.ticker)).toEqual(['BRK.B', 'BF-B']);
  });

  it('#20.8 refuses non-ASCII rather than fold it into another ticker (ß is not SS, ﬀ is not FF)', () => {
    const rule = "a ticker is 1–10 of A–Z, 0–9, '.', '-', starting with a letter";
    expect(fromFlag('ß:#Strasse,ﬀ,ıbm')).toEqual([
      `--watchlist: "ß": ${rule}`,
      `--watchlist: "ﬀ": ${rule}`,
      `--watchlist: "ıbm": ${rule}`,
    ]);
  });

  it('refuses an entry whose search is empty', () => {
    expect(fromFlag('AMZN:')).toEqual([`--watchlist: "AMZN:": the search after ':' is empty`]);
  });

  it(`reads a list of any length, and refuses past ${MAX_WATCHLIST} only where X is searched`, () => {
    const tickers = (n: number) => Array.from({ length: n }, (_, i) => `T${i}`).join(',');
    expect(parseConfig({ STOCKPIPE_WATCHLIST: tickers(MAX_WATCHLIST + 1) }).watchlist).toHaveLength(501);
    expect(withinSearchLimit(parseWatchlist(tickers(MAX_WATCHLIST)), '--watchlist')).toHaveLength(500);
    expect(
      problemsOf(() => withinSearchLimit(parseWatchlist(tickers(MAX_WATCHLIST + 1)), 'STOCKPIPE_WATCHLIST')),
    ).toEqual([
      `STOCKPIPE_WATCHLIST: ${MAX_WATCHLIST + 1} tickers; at most ${MAX_WATCHLIST} a run (X allows 450 searches per 15 minutes: split the list)`,
    ]);
  });

  it('reports every problem of a list at once, one line each, beside other variables', () => {
    const problems = problemsOf(() =>
      parseConfig({ STOCKPIPE_WATCHLIST: 'AMZN,,amzn,Ä', STOCKPIPE_SOURCE: 'twitter' }),
    );
    expect(problems).toHaveLength(4);
    expect(problems.filter((p) => p.startsWith('STOCKPIPE_WATCHLIST: '))).toHaveLength(3);
    expect(problems.every((p) => !p.includes('\n'))).toBe(true);
  });
});
