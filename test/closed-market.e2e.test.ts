import { beforeAll, describe, expect, it } from 'vitest';
import { stockpipe, tempDir } from './support/cli.ts';

// Issue #19.9.9: on a weekend, the views' default period (the last 24 hours, the last week) is mostly hours the
// market was closed: no price, a chart that looks empty. They say so. A Saturday's last 24 hours, on sample data.
const FROM = '2024-12-06T17:00Z';
const SATURDAY = '2024-12-07T16:00Z';
const CLOSED =
  /^The US market was closed on Saturday 2024-12-07 \(weekend\): those hours have posts and sentiment, but no price\.$/m;
let env: Record<string, string>;

beforeAll(async () => {
  env = { STOCKPIPE_DATA_DIR: await tempDir('weekend'), STOCKPIPE_WATCHLIST: 'AMZN:#Amazon' };
  expect((await stockpipe(['backfill', '--from', FROM, '--to', SATURDAY], env)).code).toBe(0);
}, 120_000);

describe('#19.9.9 a view of a weekend says the market was closed', () => {
  it('status', async () => {
    const result = await stockpipe(['status', '--from', FROM, '--to', SATURDAY], env);
    expect(result.stdout).toMatch(CLOSED);
    expect(result.code).toBe(0);
  });

  it('dashboard', async () => {
    const result = await stockpipe(['dashboard', '--hours', '24', '--until', SATURDAY], env);
    expect(result.stdout).toMatch(CLOSED);
    expect(result.code).toBe(0);
  });

  it('and a weekday’s view says nothing of it', async () => {
    const result = await stockpipe(['status', '--from', FROM, '--to', '2024-12-06T20:00Z'], env);
    expect(result.stdout).not.toMatch(/market was closed/);
  });

  it('status of the last 24 hours, all unrecorded, says where the recorded hours are', async () => {
    const result = await stockpipe(['status'], env);
    expect(result.stdout).toMatch(
      /^Nothing is recorded in these hours; the latest recorded hour is 2024-12-07T16:00Z: stockpipe status --from 2024-12-06T17:00Z --to 2024-12-07T16:00Z$/m,
    );
    // Asked for a period, it shows that period alone.
    const asked = await stockpipe(['status', '--from', FROM, '--to', SATURDAY], env);
    expect(asked.stdout).not.toMatch(/Nothing is recorded/);
  });
});
