import { join } from 'node:path';
import {
  type FakeServer,
  type FakeXServer,
  type FreshDatabase,
  freshDatabase,
  startFakeXServer,
  startFakeYahooServer,
} from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockpipe, tempDir } from './support/cli.ts';
import { type Content, filesUnder, mentions, warehouseOf } from './support/stored-content.ts';

// `stockpipe compliance` on one machine: raw bodies and post documents as files, the warehouse in PGlite (or the
// PostgreSQL server of DATABASE_URL), X and Yahoo answered by local fakes, X's compliance endpoints included.
const HOUR = '2024-12-06T20:00Z';
const OTHER_HOUR = '2024-12-06T21:00Z';
// What X says of the stored posts, once the test knows their ids.
const verdicts = new Map<string, string>();
let x: FakeXServer;
let yahoo: FakeServer;
let database: FreshDatabase;
let env: Record<string, string | undefined>;
let dataDir: string;

beforeAll(async () => {
  [x, yahoo, database] = await Promise.all([
    startFakeXServer({ bearerToken: 'e2e-token', compliance: { verdict: (id) => verdicts.get(id) } }),
    startFakeYahooServer(),
    freshDatabase(process.env.DATABASE_URL),
  ]);
  dataDir = await tempDir('compliance');
  env = {
    STOCKPIPE_SOURCE: 'live',
    STOCKPIPE_WATCHLIST: 'AMZN:#Amazon,MSFT:#Microsoft',
    STOCKPIPE_DATA_DIR: dataDir,
    STOCKPIPE_CATCHUP_HOURS: '0',
    X_BEARER_TOKEN: 'e2e-token',
    X_API_BASE_URL: x.url,
    YAHOO_FINANCE_BASE_URL: yahoo.url,
    DATABASE_URL: database.url,
  };
  for (const hour of [HOUR, OTHER_HOUR]) expect((await stockpipe(['run', '--hour', hour], env)).code).toBe(0);
});
afterAll(async () => {
  await Promise.all([x.close(), yahoo.close(), database.drop()]);
});

interface Stored {
  raw: Content;
  documents: Content;
  topPosts: Content;
  rows: Awaited<ReturnType<typeof warehouseOf>>['rows'];
}
async function stored(): Promise<Stored> {
  const [raw, documents, warehouse] = await Promise.all([
    filesUnder(join(dataDir, 'raw')),
    filesUnder(join(dataDir, 'documents')),
    warehouseOf(database.url, dataDir),
  ]);
  return { raw, documents, ...warehouse };
}
const ofHour = (content: Content, hour: string) =>
  new Map([...content].filter(([where]) => where.includes(hour)));

// Both tickers' searches of the hour return the same posts (one id, two tickers): removal must reach both.
const AMZN_BODY = 'x/recent-search/ticker=AMZN/hour=2024-12-06T20/response.json';
let before: Stored;
let gone: { ids: string[]; texts: string[] };

describe('stockpipe compliance on local files', () => {
  it('on a dry run, asks X and lists what would go, per ticker-hour, changing nothing', async () => {
    before = await stored();
    const search = JSON.parse(before.raw.get(AMZN_BODY) as string) as {
      data: { id: string; text: string }[];
    };
    // The most engaged post (a top post) was deleted; the author of a Japanese one protected their posts; another
    // only lost its geo, which stockpipe never keeps.
    const [deleted, , , protectedPost, , scrubbed] = search.data;
    verdicts.set(deleted?.id as string, 'deleted').set(protectedPost?.id as string, 'protected');
    verdicts.set(scrubbed?.id as string, 'scrub_geo');
    gone = {
      ids: [deleted?.id as string, protectedPost?.id as string],
      // The texts as staged, and as the documents and top posts keep them (cleaned: entities decoded, no links).
      texts: ['upgraded to Buy at Morgan Stanley', 'の決算が好調'],
    };
    expect(mentions(before.topPosts, gone.ids)).toHaveLength(4);

    const result = await stockpipe(['compliance', '--dry-run'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(dry run: nothing is changed)');
    expect(result.stdout).toContain('checked 14 posts with X');
    expect(result.stdout).toContain('X says 2 posts must go: deleted 1, protected 1');
    expect(result.stdout).toMatch(/scrub_geo 1: .*nothing to remove/);
    expect(result.stdout).toContain(
      'would remove from AMZN 2024-12-06T20:00Z: 2 posts (deleted 1, protected 1)',
    );
    expect(result.stdout).toContain(
      'would remove from MSFT 2024-12-06T20:00Z: 2 posts (deleted 1, protected 1)',
    );
    for (const id of gone.ids) expect(result.stdout).not.toContain(id);
    expect(await stored()).toEqual(before);
  });

  it('removes those posts from every store: no raw byte, document or top post holds their ids or text', async () => {
    const result = await stockpipe(['compliance'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /raw bodies\s+4 posts from 2 bodies \(4 authors with them, 0 older versions deleted\)/,
    );
    expect(result.stdout).toMatch(/top posts\s+4 posts/);
    expect(result.stdout).toMatch(/post documents\s+4 posts/);
    expect(result.stdout).toContain('2 posts now gone from every store');
    expect(result.stdout).toMatch(
      /retention: raw bodies 0 expired \(kept 90 days\); post documents 0 expired/,
    );

    const after = await stored();
    for (const content of [after.raw, after.documents, after.topPosts]) {
      expect(mentions(content, gone.ids)).toEqual([]);
      expect(mentions(ofHour(content, '2024-12-06T20'), gone.texts)).toEqual([]);
    }
    // Beside each rewritten body, what was removed and why, without ids or text.
    const record = JSON.parse(after.raw.get(AMZN_BODY.replace('response.json', 'redactions.json')) as string);
    expect(record.redactions.map((r: { reason: string }) => r.reason).sort()).toEqual([
      'deleted',
      'protected',
    ]);
  });

  it('leaves everything else as it was: the other posts, the other hour, the hour’s counts and score', async () => {
    const after = await stored();
    const untouched = (content: Content) => ofHour(content, '2024-12-06T21');
    expect(untouched(after.raw)).toEqual(untouched(before.raw));
    expect(untouched(after.documents)).toEqual(untouched(before.documents));
    expect(after.rows).toEqual(before.rows);
    expect(after.topPosts.size).toBe(before.topPosts.size - 4);
    const amzn = JSON.parse(after.documents.get('posts/ticker=AMZN/hour=2024-12-06T20.json') as string);
    expect(amzn).toHaveLength(5);
    expect(JSON.parse(after.raw.get(AMZN_BODY) as string).meta.result_count).toBe(5);
  });

  it('removes nothing more when run again', async () => {
    const snapshot = await stored();
    const result = await stockpipe(['compliance'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('checked 12 posts with X');
    expect(result.stdout).toContain('X says none must go');
    expect(x.complianceJobs().at(-1)?.ids).not.toContain(gone.ids[0]);
    const again = await stored();
    expect(again).toEqual(snapshot);
  });

  it('does not bring them back when the hour is replayed or backfilled from the raw store', async () => {
    const replay = await stockpipe(['replay', '--from', HOUR, '--to', HOUR], env);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(
      /AMZN: 1 replayed hours had posts removed by compliance .* their counts may differ from the original run's/,
    );
    const backfill = await stockpipe(['backfill', '--from', HOUR, '--to', HOUR, '--force', '--yes'], env);
    expect(backfill.code).toBe(0);
    const after = await stored();
    for (const content of [after.raw, after.documents, after.topPosts])
      expect(mentions(content, gone.ids)).toEqual([]);
    // The replayed hour counts the posts that remain.
    expect(
      after.rows
        .filter((r) => r.hourStart.toISOString() === '2024-12-06T20:00:00.000Z')
        .map((r) => r.postCount),
    ).toEqual([5, 5]);
  });

  it('with X unreachable, says so in one line of its report and exits 1: no log event, no stack', async () => {
    const result = await stockpipe(['compliance', '--dry-run'], {
      ...env,
      X_API_BASE_URL: 'http://127.0.0.1:9',
    });
    expect(result.stdout).toMatch(
      /^could not check with X: X compliance, creating the job: Request failed\. \(ECONNREFUSED 127\.0\.0\.1:9\)$/m,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  });

  it('needs X credentials (exit 2, nothing touched)', async () => {
    const result = await stockpipe(['compliance'], {
      ...env,
      X_BEARER_TOKEN: undefined,
      STOCKPIPE_SOURCE: 'sample',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/X_BEARER_TOKEN: expected X credentials/);
  });
});
