import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FreshDatabase, freshDatabase } from '@stockpipe/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WarehouseReader } from '../../src/ports.ts';
import type { LedgerEntry, TopPost, WarehouseRow } from '../../src/records.ts';
import { type OpenWarehouse, openWarehouse } from '../../src/stores/open-warehouse.ts';

// The real server when DATABASE_URL is set (CI), embedded PGlite otherwise.
let database: FreshDatabase;
let open: OpenWarehouse;

beforeAll(async () => {
  database = await freshDatabase(process.env.DATABASE_URL);
  open = await openWarehouse({
    url: database.url,
    dataDir: await mkdtemp(join(tmpdir(), 'stockpipe-warehouse-')),
    lockWaitMs: 1_500,
  });
});

afterAll(async () => {
  await open?.close();
  await database?.drop();
});

const hour = (h: number) => new Date(Date.UTC(2024, 11, 6, h));
const upsert = (rows: readonly WarehouseRow[], posts: readonly TopPost[] = []) =>
  open.warehouse.load({ rows, posts, ledger: [] });
const row = (over: Partial<WarehouseRow> = {}): WarehouseRow => ({
  ticker: 'AMZN',
  hourStart: hour(15),
  postCount: 7,
  scoredCount: 5,
  sentimentScore: 0.3125,
  sentimentLabel: 'NEUTRAL',
  majorityLabel: 'POSITIVE',
  sentimentWeight: 7.25,
  postVolume: null,
  positiveCount: 3,
  negativeCount: 1,
  neutralCount: 1,
  mixedCount: 0,
  marketClosed: false,
  open: 227.1,
  high: 228.45,
  low: 226.9,
  close: 228.0001,
  volume: 1_234_567,
  candleInterval: '30m',
  runId: 'run-a',
  source: 'sample',
  ...over,
});
const closed = (over: Partial<WarehouseRow> = {}) =>
  row({
    marketClosed: true,
    open: null,
    high: null,
    low: null,
    close: null,
    volume: null,
    candleInterval: null,
    ...over,
  });

async function loadedAt(): Promise<Record<string, string>> {
  const rows = await open.warehouse.rows(['AMZN', 'MSFT'], hour(0), hour(24));
  return Object.fromEntries(rows.map((r) => [`${r.ticker}@${r.hourStart.toISOString()}`, r.runId]));
}

describe(`PgWarehouse on ${process.env.DATABASE_URL ? 'the PostgreSQL server' : 'embedded PGlite'}`, () => {
  it('migrates idempotently, under the migration lock', async () => {
    await open.warehouse.migrate();
    await Promise.all([open.warehouse.migrate(), open.warehouse.migrate()]);
    expect(await open.warehouse.rows(['AMZN'], hour(0), hour(24))).toEqual([]);
  });

  it('upserts rows and reads them back as they went in, with the previous close and change', async () => {
    await upsert([
      row(),
      row({ hourStart: hour(16), close: 229.5, postVolume: 1_234, runId: 'run-a' }),
      closed({ hourStart: hour(22) }),
    ]);
    const rows = await open.warehouse.rows(['AMZN'], hour(0), hour(24));
    expect(rows.map(({ previousClose, changePct, lastClose, lastCloseAt, ...r }) => r)).toEqual([
      row(),
      row({ hourStart: hour(16), close: 229.5, postVolume: 1_234 }),
      closed({ hourStart: hour(22) }),
    ]);
    expect(rows.map((r) => [r.previousClose, r.changePct])).toEqual([
      [null, null],
      [228.0001, 0.6579],
      [null, null],
    ]);
  });

  it('leaves a row untouched when a rerun brings the same data, run id included', async () => {
    await upsert([row({ runId: 'run-b' })]);
    expect((await loadedAt())['AMZN@2024-12-06T15:00:00.000Z']).toBe('run-a');
  });

  it('updates a row when the data changed, and records which run changed it', async () => {
    await upsert([row({ postCount: 8, runId: 'run-c' })]);
    const [first] = await open.warehouse.rows(['AMZN'], hour(15), hour(16));
    expect(first).toMatchObject({ postCount: 8, runId: 'run-c' });
  });

  it('#20.1 loads the rows of a batch it takes and names the one it refuses, which alone stays out', async () => {
    const day = (h: number) => new Date(Date.UTC(2019, 5, 3, h));
    const broken = row({ ticker: 'REFB', hourStart: day(17), marketClosed: true }); // closed yet priced: refused
    const result = await upsert([row({ ticker: 'REFB', hourStart: day(15) }), broken]);
    expect(result.refused).toEqual([
      { ticker: 'REFB', hourStart: day(17), reason: expect.stringMatching(/check constraint/) },
    ]);
    expect(result.rowsChanged).toBe(1);
    expect((await open.warehouse.rows(['REFB'], day(0), day(24))).map((r) => r.hourStart)).toEqual([day(15)]);
  });

  it('#20.1 refuses a price beyond numeric(14, 4) for its row only, keeping the batch’s others', async () => {
    const day = (h: number) => new Date(Date.UTC(2019, 5, 4, h));
    const result = await upsert([
      row({ ticker: 'REFP', hourStart: day(3), close: 2e10 }),
      row({ ticker: 'REFQ', hourStart: day(3) }),
    ]);
    expect(result.refused.map((r) => [r.ticker, r.reason])).toEqual([
      ['REFP', expect.stringMatching(/numeric field overflow/)],
    ]);
    expect((await open.warehouse.rows(['REFP', 'REFQ'], day(3), day(4))).map((r) => r.ticker)).toEqual([
      'REFQ',
    ]);
  });

  it('loads a thousand-plus rows in one call', async () => {
    const many = Array.from({ length: 1_200 }, (_, i) =>
      closed({ ticker: 'MSFT', hourStart: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000), runId: 'bulk' }),
    );
    await upsert(many);
    const rows = await open.warehouse.rows(
      ['MSFT'],
      new Date(Date.UTC(2020, 0, 1)),
      new Date(Date.UTC(2021, 0, 1)),
    );
    expect(rows).toHaveLength(1_200);
  });

  it('names the tickers with rows in a period, alphabetically, through the read port', async () => {
    const reader: WarehouseReader = open.warehouse;
    expect(await reader.tickersWithRows(hour(0), hour(24))).toEqual(['AMZN']);
    expect(
      await reader.tickersWithRows(new Date(Date.UTC(2020, 0, 1)), new Date(Date.UTC(2020, 0, 2))),
    ).toEqual(['MSFT']);
    expect(
      await reader.tickersWithRows(new Date(Date.UTC(1999, 0, 1)), new Date(Date.UTC(1999, 0, 2))),
    ).toEqual([]);
  });
});

describe('top posts and the BI contract', () => {
  const post = (id: string, likes: number, over: Partial<TopPost> = {}): TopPost => ({
    ticker: 'AMZN',
    hourStart: hour(15),
    postId: id,
    createdAt: new Date(hour(15).getTime() + 60_000),
    authorId: '42',
    lang: 'en',
    text: `post ${id} <b>&amp;</b> 🚀`,
    engagement: { likes, reposts: 1, replies: 0, quotes: 0 },
    weight: 1 + Math.log1p(likes + 2),
    sentimentLabel: 'POSITIVE',
    sentimentScore: 0.5,
    runId: 'run-p1',
    ...over,
  });
  const posts = () => open.warehouse.topPosts(['AMZN'], hour(15), hour(16), 10);

  it('keeps the top posts of each loaded hour, and converges on a rerun', async () => {
    const [current] = await open.warehouse.rows(['AMZN'], hour(15), hour(16));
    const row = { ...(current as WarehouseRow) };
    await upsert([row], [post('1', 10), post('2', 50), post('3', 5)]);
    expect((await posts()).map((p) => p.postId)).toEqual(['2', '1', '3']);
    // A rerun: post 3 left the top, post 4 came in, post 1 is unchanged (its run id stays), post 2 gained likes.
    await upsert(
      [row],
      [
        post('1', 10, { runId: 'run-p2' }),
        post('2', 70, { runId: 'run-p2' }),
        post('4', 1, { runId: 'run-p2' }),
      ],
    );
    const after = await posts();
    expect(after.map((p) => [p.postId, p.runId, p.engagement.likes])).toEqual([
      ['2', 'run-p2', 70],
      ['1', 'run-p1', 10],
      ['4', 'run-p2', 1],
    ]);
    expect(after[0]?.text).toBe('post 2 <b>&amp;</b> 🚀');
  });

  it('bounds the top posts by UTC day when asked, then by ticker, most engaged first', async () => {
    // Two hours a day apart, one just before midnight UTC: four posts each.
    const hours = [new Date('2024-12-09T23:00Z'), new Date('2024-12-10T00:00Z')];
    await upsert(
      hours.map((hourStart) => row({ ticker: 'DAYS', hourStart })),
      hours.flatMap((hourStart, d) =>
        [40, 30, 20, 10].map((likes) =>
          post(`${d}-${likes}`, likes + d, { ticker: 'DAYS', hourStart, createdAt: hourStart }),
        ),
      ),
    );
    const top = (perTicker: number, perDay?: number) =>
      open.warehouse
        .topPosts(['DAYS'], hours[0] as Date, new Date('2024-12-11T00:00Z'), perTicker, perDay)
        .then((kept) => kept.map((p) => p.postId));
    expect(await top(5, 2)).toEqual(['1-40', '0-40', '1-30', '0-30']);
    expect(await top(3, 2)).toEqual(['1-40', '0-40', '1-30']);
    expect(await top(3)).toEqual(['1-40', '0-40', '1-30']);
    expect(await top(8, 1)).toEqual(['1-40', '0-40']);
  });

  it('serves BI tools a readable view with the change against the last traded hour, to a read-only role', async () => {
    const client = new pg.Client({ connectionString: open.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT "Ticker", "Hour start (UTC)", "Close", "Previous close", "Change %", "Market closed"
           FROM bi_stock_performance WHERE "Ticker" = 'AMZN' ORDER BY 2`,
      );
      expect(rows.map((r) => [r.Close, r['Previous close'], r['Change %']])).toEqual([
        ['228.0001', null, null],
        ['229.5000', '228.0001', '0.6579'],
        [null, null, null],
      ]);
      const grants = await client.query(
        `SELECT table_name, privilege_type FROM information_schema.role_table_grants
          WHERE grantee = 'stockpipe_bi' ORDER BY table_name`,
      );
      expect(grants.rows).toEqual([
        { table_name: 'bi_hourly_returns', privilege_type: 'SELECT' },
        { table_name: 'bi_lead_lag', privilege_type: 'SELECT' },
        { table_name: 'bi_stock_performance', privilege_type: 'SELECT' },
        { table_name: 'bi_top_posts', privilege_type: 'SELECT' },
      ]);
    } finally {
      await client.end();
    }
  });
});

describe('each row’s source', () => {
  it('is stored, read back, and shown last in the BI view as "Source"', async () => {
    await upsert([row({ ticker: 'SRCL', source: 'live' }), row({ ticker: 'SRCS', source: 'sample' })]);
    const read = await open.warehouse.rows(['SRCL', 'SRCS'], hour(0), hour(24));
    expect(read.map((r) => r.source)).toEqual(['live', 'sample']);
    const client = new pg.Client({ connectionString: open.url });
    await client.connect();
    try {
      const { rows, fields } = await client.query(
        `SELECT * FROM bi_stock_performance WHERE "Ticker" IN ('SRCL', 'SRCS') ORDER BY 1`,
      );
      expect(fields.at(-1)?.name).toBe('Source');
      expect(rows.map((r) => r.Source)).toEqual(['live', 'sample']);
    } finally {
      await client.end();
    }
  });
});

describe('the read-only BI role', () => {
  it('refuses a session as stockpipe_bi every write and DDL', async () => {
    await open.warehouse.migrate();
    const client = new pg.Client({ connectionString: open.url });
    await client.connect();
    try {
      for (const sql of [
        'DELETE FROM stock_performance',
        'TRUNCATE stock_hour_ledger',
        'DROP VIEW bi_stock_performance',
        'CREATE TABLE public.mine (a int)',
        "COPY stock_performance FROM '/tmp/rows.csv'",
      ]) {
        await client.query('BEGIN; SET LOCAL ROLE stockpipe_bi');
        await expect(client.query(sql), sql).rejects.toThrow(
          /permission denied|must be owner|pg_read_server_files/,
        );
        await client.query('ROLLBACK');
      }
    } finally {
      await client.end();
    }
  });
});

describe('figures from neighbouring hours, computed in SQL', () => {
  const at = (iso: string) => new Date(iso);
  const figures = async (ticker: string) =>
    (await open.warehouse.rows([ticker], at('2024-01-01T00:00Z'), at('2027-01-01T00:00Z'))).map((r) => ({
      hour: r.hourStart.toISOString().slice(0, 13),
      previousClose: r.previousClose,
      changePct: r.changePct,
      lastClose: r.lastClose,
      lastCloseAt: r.lastCloseAt?.toISOString().slice(0, 13) ?? null,
    }));

  beforeAll(async () => {
    await upsert([
      row({ ticker: 'NVDA', hourStart: at('2024-12-06T20:00Z'), close: 100 }), // Friday's last hour
      closed({ ticker: 'NVDA', hourStart: at('2024-12-08T16:00Z') }), // Sunday
      row({ ticker: 'NVDA', hourStart: at('2024-12-09T14:00Z'), close: 103 }), // Monday's first hour
      closed({ ticker: 'NVDA', hourStart: at('2024-12-14T16:00Z') }), // the next Saturday, 5 days on
      row({ ticker: 'NVDA', hourStart: at('2026-11-27T14:00Z'), close: 150 }), // two years later
    ]);
  });

  it("compares Monday's first hour with Friday's close, across the weekend", async () => {
    expect((await figures('NVDA'))[2]).toEqual({
      hour: '2024-12-09T14',
      previousClose: 100,
      changePct: 3,
      lastClose: 103,
      lastCloseAt: '2024-12-09T14',
    });
  });

  it('gives a closed hour no previous close and no change, but the last close and when it was', async () => {
    expect((await figures('NVDA'))[1]).toEqual({
      hour: '2024-12-08T16',
      previousClose: null,
      changePct: null,
      lastClose: 100,
      lastCloseAt: '2024-12-06T20',
    });
  });

  it('compares with nothing older than 96 hours: two years on, or after a gap, there is no change', async () => {
    const [, , , saturday, later] = await figures('NVDA');
    expect(later).toEqual({
      hour: '2026-11-27T14',
      previousClose: null,
      changePct: null,
      lastClose: 150,
      lastCloseAt: '2026-11-27T14',
    });
    expect(saturday).toMatchObject({ lastClose: null, lastCloseAt: null });
  });

  it("leaves Thursday's first hour without a change when Tuesday and Wednesday were never loaded", async () => {
    await upsert([
      row({ ticker: 'TSLA', hourStart: at('2024-12-02T19:00Z'), close: 200 }),
      row({ ticker: 'TSLA', hourStart: at('2024-12-02T20:00Z'), close: 202 }), // Monday's last hour
      row({ ticker: 'TSLA', hourStart: at('2024-12-05T14:00Z'), close: 208.34 }), // Thursday's first hour
      row({ ticker: 'TSLA', hourStart: at('2024-12-05T15:00Z'), close: 210 }),
    ]);
    // Monday's first loaded hour has no Monday 18:00 before it; Thursday's never reaches back to Monday.
    expect((await figures('TSLA')).map((f) => [f.hour, f.changePct])).toEqual([
      ['2024-12-02T19', null],
      ['2024-12-02T20', 1],
      ['2024-12-05T14', null],
      ['2024-12-05T15', 0.7968],
    ]);
  });

  it("compares a first hour with the previous trading day's last, across a holiday and an early close", async () => {
    await upsert([
      row({ ticker: 'MSFT', hourStart: at('2024-11-27T20:00Z'), close: 100 }), // Wednesday before Thanksgiving
      row({ ticker: 'MSFT', hourStart: at('2024-11-29T14:00Z'), close: 101 }), // Friday, closes at 13:00
      row({ ticker: 'MSFT', hourStart: at('2024-11-29T17:00Z'), close: 102 }),
      row({ ticker: 'MSFT', hourStart: at('2024-12-02T14:00Z'), close: 102.51 }), // Monday
    ]);
    expect((await figures('MSFT')).map((f) => [f.hour, f.previousClose, f.changePct])).toEqual([
      ['2024-11-27T20', null, null],
      ['2024-11-29T14', 100, 1],
      ['2024-11-29T17', null, null],
      ['2024-12-02T14', 102, 0.5],
    ]);
  });

  it('serves BI tools the same figures', async () => {
    const client = new pg.Client({ connectionString: open.url });
    await client.connect();
    const { rows } = await client
      .query(
        `SELECT "Previous close", "Change %" FROM bi_stock_performance
          WHERE "Ticker" = 'NVDA' ORDER BY "Hour start (UTC)"`,
      )
      .finally(() => client.end());
    expect(rows.map((r) => [r['Previous close'], r['Change %']])).toEqual([
      [null, null],
      [null, null],
      ['100.0000', '3.0000'],
      [null, null],
      [null, null],
    ]);
  });
});

describe('rows loaded before the traded-hours table (migration 0010)', () => {
  it.each([
    ['none of their traded hours', 'DELETE FROM nyse_traded_hours'],
    ['the middle of them only', `DELETE FROM nyse_traded_hours WHERE hour_start <> '2024-12-06T15:00Z'`],
  ])(
    'get their traded hours back when the warehouse next opens (%s), and their change',
    async (_, dropped) => {
      const own = await freshDatabase(process.env.DATABASE_URL);
      const dataDir = await mkdtemp(join(tmpdir(), 'stockpipe-warehouse-'));
      const reopen = () => openWarehouse({ url: own.url, dataDir, lockWaitMs: 1_500 });
      const changes = async (warehouse: OpenWarehouse) =>
        (await warehouse.warehouse.rows(['AMZN'], hour(0), hour(24))).map((r) => r.changePct);
      try {
        const first = await reopen();
        try {
          await first.warehouse.load({
            rows: [14, 15, 16, 17].map((h) => row({ hourStart: hour(h), close: 100 + h - 14 })),
            posts: [],
            ledger: [],
          });
          expect(await changes(first)).toEqual([null, 1, 0.9901, 0.9804]);
          // As a warehouse loaded by a job older than 0010 has it: the rows, and few or none of their traded hours.
          const client = new pg.Client({ connectionString: first.url });
          await client.connect();
          await client.query(dropped).finally(() => client.end());
          expect(await changes(first)).toContain(null);
          expect((await changes(first)).filter((c) => c === null).length).toBeGreaterThan(1);
        } finally {
          await first.close();
        }
        const second = await reopen();
        try {
          await second.warehouse.migrate();
          expect(await changes(second)).toEqual([null, 1, 0.9901, 0.9804]);
        } finally {
          await second.close();
        }
      } finally {
        await own.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );
});

// PGlite is one backend in one process (its data dir cannot be shared), so contention needs a real server.
describe('the ledger of ticker-hours', () => {
  const entry = (
    ticker: string,
    h: number,
    runId: string,
    failure: LedgerEntry['failure'] = null,
  ): LedgerEntry => ({
    ticker,
    hourStart: new Date(Date.UTC(2024, 10, 1, h)),
    runId,
    failure,
  });
  const at = (h: number) => new Date(Date.UTC(2024, 10, 1, h));

  it('records every attempt with its rows, counting attempts and failures since the last load', async () => {
    const failed = { stage: 'extract' as const, reason: 'X answered 503', counts: true };
    await open.warehouse.load({ rows: [], posts: [], ledger: [entry('NFLX', 3, 'r1', failed)] });
    await open.warehouse.load({ rows: [], posts: [], ledger: [entry('NFLX', 3, 'r2', failed)] });
    expect(await open.warehouse.ledger(['NFLX'], at(0), at(24))).toEqual([
      expect.objectContaining({
        state: 'failed',
        stage: 'extract',
        reason: 'X answered 503',
        attempts: 2,
        failures: 2,
        runId: 'r2',
        marketClosed: null,
      }),
    ]);
    await open.warehouse.load({
      rows: [closed({ ticker: 'NFLX', hourStart: at(3), runId: 'r3' })],
      posts: [],
      ledger: [entry('NFLX', 3, 'r3'), entry('NFLX', 4, 'r3', failed)],
    });
    const records = await open.warehouse.ledger(['NFLX'], at(0), at(24));
    expect(
      records.map((r) => [
        r.hourStart.getUTCHours(),
        r.state,
        r.stage,
        r.attempts,
        r.failures,
        r.marketClosed,
      ]),
    ).toEqual([
      [3, 'loaded', null, 3, 0, true],
      [4, 'failed', 'extract', 1, 1, null],
    ]);
    expect(records[0]?.firstAttemptAt.getTime()).toBeLessThanOrEqual(
      records[0]?.lastAttemptAt.getTime() ?? 0,
    );
  });

  it('keeps a loaded hour loaded when a later attempt fails: its row is still there', async () => {
    const failed = { stage: 'score' as const, reason: 'Comprehend unreachable', counts: true };
    await open.warehouse.load({
      rows: [closed({ ticker: 'NFLX', hourStart: at(8), runId: 'r1' })],
      posts: [],
      ledger: [entry('NFLX', 8, 'r1')],
    });
    // Three failed replays of it: before, the hour read as failed, then as given up, with its row untouched.
    for (const run of ['r2', 'r3', 'r4'])
      await open.warehouse.load({ rows: [], posts: [], ledger: [entry('NFLX', 8, run, failed)] });
    expect(await open.warehouse.ledger(['NFLX'], at(8), at(9))).toEqual([
      expect.objectContaining({
        state: 'loaded',
        stage: null,
        reason: null,
        attempts: 4,
        failures: 0,
        runId: 'r1',
      }),
    ]);
  });

  it('does not count toward giving up the attempts X’s monthly budget stopped', async () => {
    const stopped = { stage: 'extract' as const, reason: 'X budget reached', counts: false };
    for (const run of ['r1', 'r2', 'r3', 'r4'])
      await open.warehouse.load({ rows: [], posts: [], ledger: [entry('NFLX', 10, run, stopped)] });
    expect(await open.warehouse.ledger(['NFLX'], at(10), at(11))).toEqual([
      expect.objectContaining({ state: 'failed', reason: 'X budget reached', attempts: 4, failures: 0 }),
    ]);
  });

  it('#20.1 records a refused row’s ticker-hour as failed at load, with what the database said', async () => {
    const bad = closed({ ticker: 'REFL', hourStart: at(6), runId: 'bad', close: 1 }); // closed yet priced
    const good = closed({ ticker: 'REFL', hourStart: at(7), runId: 'good' });
    const result = await open.warehouse.load({
      rows: [bad, good],
      posts: [],
      ledger: [entry('REFL', 6, 'bad'), entry('REFL', 7, 'good')],
    });
    expect(result.refused.map((r) => r.hourStart)).toEqual([at(6)]);
    expect(await open.warehouse.ledger(['REFL'], at(6), at(8))).toEqual([
      expect.objectContaining({
        state: 'failed',
        stage: 'load',
        reason: expect.stringMatching(/check constraint/),
      }),
      expect.objectContaining({ state: 'loaded', runId: 'good' }),
    ]);
  });

  it('knows the first hour recorded for each ticker', async () => {
    const first = await open.warehouse.firstRecorded(['NFLX', 'NOPE']);
    expect([...first]).toEqual([['NFLX', at(3)]]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('the hour locks on a PostgreSQL server', () => {
  it('make a second run of the same hour wait, then give up, and let it in once released', async () => {
    const second = await openWarehouse({ url: database.url, dataDir: '/nonexistent', lockWaitMs: 1_500 });
    try {
      const first = await open.warehouse.lockHours([hour(15)], { waitFor: hour(15) });
      expect(first.hours).toEqual([hour(15)]);
      const started = Date.now();
      await expect(second.warehouse.lockHours([hour(15)], { waitFor: hour(15) })).rejects.toThrow(
        /another stockpipe run is processing 2024-12-06T15:00:00.000Z; gave up after 1.5 s/,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
      // Hours it does not wait for are held when free and left out when not, at once.
      const others = await second.warehouse.lockHours([hour(14), hour(15), hour(16)], { waitFor: hour(16) });
      expect(others.hours).toEqual([hour(14), hour(16)]);
      await others.release();
      await first.release();
      await (await second.warehouse.lockHours([hour(15)], { waitFor: hour(15) })).release();
    } finally {
      await second.close();
    }
  });
});
