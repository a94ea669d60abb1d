import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_WATCHLIST_TEXT } from '@stockpipe/shared';
import { type FreshDatabase, freshDatabase } from '@stockpipe/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pipelinePackage from '../packages/pipeline/package.json' with { type: 'json' };
import { logEvents, stockpipe, tempDir } from './support/cli.ts';
import { readRows } from './support/warehouse.ts';

const WATCHLIST = DEFAULT_WATCHLIST_TEXT;
const HOUR = '2024-12-06T15:00Z'; // a Friday, New York open

let database: FreshDatabase;
let dataDir: string;
let env: Record<string, string | undefined>;

beforeEach(async () => {
  database = await freshDatabase(process.env.DATABASE_URL);
  dataDir = await tempDir('e2e');
  env = { STOCKPIPE_DATA_DIR: dataDir, STOCKPIPE_WATCHLIST: WATCHLIST, DATABASE_URL: database.url };
});
afterEach(async () => {
  await database.drop();
});

const json = async (path: string) => JSON.parse(await readFile(join(dataDir, path), 'utf8'));

describe(`stockpipe run on embedded defaults (warehouse: ${process.env.DATABASE_URL ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('reports the whole run in its duration, from `run started` to `run finished`, start-up included', async () => {
    const result = await stockpipe(['run', '--hour', HOUR, '--watchlist', 'AMZN'], env);
    expect(result.code).toBe(0);
    const events = logEvents(result.stdout);
    const at = (e: Record<string, unknown> | undefined) => Date.parse(String(e?.time));
    const started = at(events.find((e) => e.msg === 'run started'));
    const finished = events.find((e) => e.msg === 'run finished');
    // The notice is written after the load, so its duration spans at least start-up to the load's end.
    const loaded = at(events.find((e) => e.msg === 'stage' && e.stage === 'load'));
    const seconds = Number(/duration: ([\d.]+) s/.exec(result.stderr)?.[1]);
    // The log's times are whole milliseconds, the notice's hundredths of a second, and the duration is taken a
    // moment before its event is written (longer on a busy machine): a margin far below the start-up that the
    // duration once left out (the embedded database's, ~2 s).
    expect(seconds * 1000).toBeGreaterThanOrEqual(loaded - started - 50);
    expect(Number(finished?.ms)).toBeGreaterThanOrEqual(at(finished) - started - 50);
  });

  it('loads one row per ticker that agrees with the staged raw data and the documents', async () => {
    const result = await stockpipe(['run', '--hour', HOUR], env);
    expect(result.stderr).toMatch(/stockpipe succeeded: 2024-12-06T15:00Z, 5\/5 tickers loaded/);
    expect(result.code).toBe(0);

    const rows = await readRows(database.url, dataDir);
    expect(rows.map((r) => r.ticker)).toEqual(['AAPL', 'AMZN', 'MSFT', 'NVDA', 'TSLA']);
    for (const row of rows) {
      const key = `ticker=${row.ticker}/hour=2024-12-06T15`;
      const raw = await json(`raw/sample/x-recent-search/${key}/response.json`);
      const posts = await json(`documents/posts/${key}.json`);
      const price = await json(`documents/prices/${key}.json`);
      expect(row.hourStart.toISOString()).toBe('2024-12-06T15:00:00.000Z');
      expect(row.postCount).toBe(raw.meta.result_count);
      expect(posts).toHaveLength(row.postCount);
      expect(row.scoredCount).toBe(posts.filter((p: { sentiment: unknown }) => p.sentiment).length);
      expect(row.positiveCount + row.negativeCount + row.neutralCount + row.mixedCount).toBe(row.scoredCount);
      expect(price.status).toBe('traded');
      expect(row).toMatchObject({
        marketClosed: false,
        close: price.close,
        open: price.open,
        candleInterval: '30m',
      });
      if (row.scoredCount > 0) expect(Math.abs(row.sentimentScore ?? 9)).toBeLessThanOrEqual(1);
    }
    // Every stage logged a JSON event with run id, hour, ticker and duration.
    const events = logEvents(result.stdout);
    const staged = events.filter((e) => e.stage === 'raw');
    expect(staged).toHaveLength(5);
    expect(staged[0]).toMatchObject({ hour: '2024-12-06T15', runId: rows[0]?.runId, ms: expect.any(Number) });
  });

  it('converges: a rerun of the same hour leaves identical rows', async () => {
    expect((await stockpipe(['run', '--hour', HOUR], env)).code).toBe(0);
    const first = await readRows(database.url, dataDir);
    expect((await stockpipe(['run', '--hour', HOUR], env)).code).toBe(0);
    expect(await readRows(database.url, dataDir)).toEqual(first);
  });

  it('loads the other tickers when one fails, and exits 1 naming it', async () => {
    // A file where MSFT's raw folder must go: staging MSFT fails on the real file system.
    await mkdir(join(dataDir, 'raw/sample/x-recent-search'), { recursive: true });
    await writeFile(join(dataDir, 'raw/sample/x-recent-search/ticker=MSFT'), 'in the way');
    const result = await stockpipe(['run', '--hour', HOUR], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stockpipe failed: 2024-12-06T15:00Z, 4\/5 tickers loaded/);
    expect(result.stderr).toMatch(/MSFT\s+FAILED at raw: /);
    const rows = await readRows(database.url, dataDir);
    expect(rows.map((r) => r.ticker)).toEqual(['AAPL', 'AMZN', 'NVDA', 'TSLA']);
  });

  it('exits 2 on bad configuration, naming the variable, before writing anything', async () => {
    const result = await stockpipe(['run', '--hour', HOUR], {
      ...env,
      STOCKPIPE_SOURCE: 'twitter',
      X_MAX_RESULTS: '7',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/STOCKPIPE_SOURCE: expected one of live, sample \(got "twitter"\)/);
    expect(result.stderr).toMatch(/X_MAX_RESULTS: expected an integer from 10 to 100 \(got "7"\)/);
    expect(existsSync(join(dataDir, 'raw'))).toBe(false);
  });

  it('exits 2 with one line naming the variable when the environment cannot serve: data dir, AWS region', async () => {
    const file = join(dataDir, 'a-file');
    await writeFile(file, 'x');
    const unwritable = process.getuid?.() === 0 ? '/sys/kernel/stockpipe-e2e' : '/proc/stockpipe-e2e';
    const cases: [string[], Record<string, string>, RegExp][] = [
      [
        ['run', '--hour', HOUR],
        { STOCKPIPE_DATA_DIR: file },
        /STOCKPIPE_DATA_DIR: .*a-file: it, or a folder above it, is a file/,
      ],
      [
        ['demo', '--hours', '1'],
        { STOCKPIPE_DATA_DIR: unwritable },
        /STOCKPIPE_DATA_DIR: .*: this user cannot write there/,
      ],
      // A reader, which makes nothing, still says why a data dir is unusable, not merely that it holds no warehouse.
      [
        ['status'],
        { STOCKPIPE_DATA_DIR: file },
        /STOCKPIPE_DATA_DIR: .*a-file: it, or a folder above it, is a file/,
      ],
      [
        ['run', '--hour', HOUR],
        { STOCKPIPE_SENTIMENT: 'comprehend', AWS_CONFIG_FILE: '/nonexistent' },
        /AWS_REGION: expected the AWS region \(STOCKPIPE_SENTIMENT=comprehend/,
      ],
    ];
    for (const [args, over, message] of cases) {
      const result = await stockpipe(args, { ...env, DATABASE_URL: undefined, ...over });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^stockpipe: bad configuration: ${message.source}.*\n$`));
    }
  });

  it('exits 2 on bad usage', async () => {
    const badHour = await stockpipe(['run', '--hour', '2024-12-06T15:30Z'], env);
    expect(badHour.code).toBe(2);
    expect(badHour.stderr).toMatch(/--hour: expected a whole UTC hour/);
    const future = await stockpipe(['run', '--hour', '2999-01-01T00:00Z'], env);
    expect(future.stderr).toMatch(/has not ended yet/);
    expect((await stockpipe(['fly'], env)).code).toBe(2);
    const badList = await stockpipe(['run', '--watchlist', 'AMZN,,not ok'], env);
    expect(badList.code).toBe(2);
    expect(badList.stderr).toMatch(/^ {2}- --watchlist: entry 2 is empty \(a trailing or doubled comma\)$/m);
    expect(badList.stderr).toMatch(/^ {2}- --watchlist: "not ok": a ticker is 1–10 of A–Z/m);
  });

  it('exits 2 on an empty watchlist, flag or variable, instead of taking the default', async () => {
    for (const [args, extra, name] of [
      [['run', '--hour', HOUR, '--watchlist', ''], {}, '--watchlist'],
      [['run', '--hour', HOUR], { STOCKPIPE_WATCHLIST: '' }, 'STOCKPIPE_WATCHLIST'],
      [['dashboard', '--watchlist', ''], {}, '--watchlist'],
    ] as const) {
      const result = await stockpipe(args, { ...env, ...extra });
      expect(result.code).toBe(2);
      // One line per problem, no stack.
      expect(result.stderr).toBe(
        `stockpipe: bad configuration: ${name}: empty; expected TICKER:query pairs separated by commas, e.g. AMZN:#Amazon,MSFT:#Microsoft\n`,
      );
    }
    expect(existsSync(join(dataDir, 'raw'))).toBe(false);
  });

  it('explains itself with --help', async () => {
    const help = await stockpipe(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/run \[options\]/);
    expect(help.stdout).toMatch(/demo \[options\]/);
    const runHelp = await stockpipe(['run', '--help'], env);
    expect(runHelp.stdout).toMatch(/--hour <iso>/);
    const version = await stockpipe(['--version'], env);
    expect(version).toMatchObject({ code: 0, stdout: `${pipelinePackage.version}\n` });
  });
});
