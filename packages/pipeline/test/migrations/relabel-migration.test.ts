import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FreshDatabase, freshDatabase } from '@stockpipe/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelOfScore } from '../../src/stages/score-label.ts';
import { type OpenWarehouse, openWarehouse } from '../../src/stores/open-warehouse.ts';
import { migrateUpTo } from '../support/migrate-up-to.ts';

// A warehouse as deployed before migration 0003: rows whose label is their posts' majority, whatever the score.
let database: FreshDatabase;
let open: OpenWarehouse;
const OLD_ROWS: [score: number | null, majority: string | null][] = [
  [-0.171, 'POSITIVE'],
  [0.104, 'NEGATIVE'],
  [-0.345, 'NEUTRAL'],
  [0.33, 'NEUTRAL'],
  [0.32999, 'POSITIVE'],
  [-0.33, 'MIXED'],
  [-0.32999, 'NEGATIVE'],
  [1, 'POSITIVE'],
  [null, null],
];

beforeAll(async () => {
  database = await freshDatabase(process.env.DATABASE_URL);
  open = await openWarehouse({
    url: database.url,
    dataDir: await mkdtemp(join(tmpdir(), 'stockpipe-0003-')),
  });
  const client = new pg.Client({ connectionString: open.url });
  await client.connect();
  try {
    await migrateUpTo(client, 2);
    for (const [i, [score, label]] of OLD_ROWS.entries()) {
      await client.query(
        `INSERT INTO stock_performance (ticker, hour_start, post_count, scored_count, sentiment_score,
           sentiment_label, positive_count, negative_count, neutral_count, mixed_count, market_closed, run_id)
         VALUES ('AMZN', $1, 3, $2, $3, $4, 1, 1, 1, 0, true, 'old')`,
        [new Date(Date.UTC(2024, 11, 7, i)), score === null ? 0 : 3, score, label],
      );
    }
  } finally {
    await client.end();
  }
});

afterAll(async () => {
  await open?.close();
  await database?.drop();
});

describe('migration 0003 on rows loaded before it', () => {
  it('keeps each old label as the majority label, and labels the row by its score as new rows are', async () => {
    await open.warehouse.migrate();
    const rows = await open.warehouse.rows(
      ['AMZN'],
      new Date('2024-12-07T00:00Z'),
      new Date('2024-12-08T00:00Z'),
    );
    expect(rows.map((r) => [r.sentimentScore, r.majorityLabel])).toEqual(OLD_ROWS);
    expect(rows.map((r) => r.sentimentLabel)).toEqual([
      'NEUTRAL',
      'NEUTRAL',
      'NEGATIVE',
      'POSITIVE',
      'NEUTRAL',
      'NEGATIVE',
      'NEUTRAL',
      'POSITIVE',
      null,
    ]);
    expect(rows.map((r) => r.sentimentLabel)).toEqual(
      OLD_ROWS.map(([score]) => (score === null ? null : labelOfScore(score))),
    );
  });

  it('shows both labels to BI tools', async () => {
    const client = new pg.Client({ connectionString: open.url });
    await client.connect();
    const { rows } = await client
      .query(
        `SELECT "Sentiment label", "Majority label" FROM bi_stock_performance ORDER BY "Hour start (UTC)"`,
      )
      .finally(() => client.end());
    expect(rows[0]).toEqual({ 'Sentiment label': 'NEUTRAL', 'Majority label': 'POSITIVE' });
  });
});
