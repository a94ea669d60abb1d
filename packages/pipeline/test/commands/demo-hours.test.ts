import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@stockpipe/shared';
import { type FreshDatabase, freshDatabase } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCommand, demoHours } from '../../src/commands/demo-command.ts';

const iso = (hours: readonly Date[]) => [hours[0]?.toISOString(), hours.at(-1)?.toISOString()];
const sunday = new Date('2026-11-29T16:27Z');

describe('the hours the demo shows', () => {
  it('on a weekend, the last 24 hours that hold trading, ending with the last traded hour', () => {
    // The day after Thanksgiving closes at 13:00 New York: its last traded UTC hour starts 17:00.
    const { hours, tradedUntil } = demoHours(undefined, 24, sunday);
    expect(tradedUntil?.toISOString()).toBe('2026-11-27T17:00:00.000Z');
    expect(iso(hours)).toEqual(['2026-11-26T18:00:00.000Z', '2026-11-27T17:00:00.000Z']);
  });

  it('the last complete hours when the market traded in any of them, the night included', () => {
    const wednesdayNight = new Date('2026-11-25T03:10Z');
    expect(demoHours(undefined, 24, wednesdayNight)).toEqual({
      hours: demoHours('2026-11-25T02:00Z', 24, wednesdayNight).hours,
    });
  });

  it('exactly the hours asked for with --until, closed or not', () => {
    const { hours, tradedUntil } = demoHours('2026-11-29T12:00Z', 6, sunday);
    expect(tradedUntil).toBeUndefined();
    expect(iso(hours)).toEqual(['2026-11-29T07:00:00.000Z', '2026-11-29T12:00:00.000Z']);
  });
});

describe('pnpm demo on a Sunday', () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshDatabase(process.env.DATABASE_URL);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('says the market was closed and shows the hours up to Friday’s close, with prices', async () => {
    const config = parseConfig({
      STOCKPIPE_DATA_DIR: await mkdtemp(join(tmpdir(), 'stockpipe-demo-sunday-')),
      DATABASE_URL: database.url,
    });
    let printed = '';
    const code = await demoCommand(
      config,
      { hours: 3, watchlist: 'AMZN:#Amazon' },
      (t) => {
        printed += t;
      },
      sunday,
    );
    expect(code).toBe(0);
    expect(printed).toContain(
      'The US market was closed in all of the last 3 hours (night, weekend or holiday in New York): showing the 3 hours up to 2026-11-27 17:00 UTC, the last it traded.',
    );
    expect(printed).toMatch(/^2026-11-27 17:00(\s+\S+){4}\s+\d+\.\d{2}\s+[+-]?\d+\.\d{2}$/m);
    expect(printed).not.toContain('closed in every one of these hours');
  }, 60_000);
});
