import {
  type PostgresGate,
  type PostgresTarget,
  postgresTarget,
  startPostgresGate,
} from '@stockpipe/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stockpipe, tempDir } from './support/cli.ts';

// Issue #20: a TCP proxy in front of PostgreSQL (the server at DATABASE_URL, or PGlite in this process) that cuts or
// silences the job's connection at a chosen statement. Each test names the finding it holds.
let target: PostgresTarget;
let gate: PostgresGate;
let url: string;

beforeAll(async () => {
  target = await postgresTarget(process.env.DATABASE_URL);
  gate = await startPostgresGate({ target: { host: target.host, port: target.port } });
  url = gate.url(target.database).replace('postgresql://', 'postgresql://postgres@');
  // Migrated before any fault is armed: the faults take the load's statements, not the migrations'.
  const first = await stockpipe(
    ['run', '--hour', '2024-12-05T10:00Z', '--no-catch-up'],
    env(await tempDir('db')),
  );
  expect(first.code).toBe(0);
});
afterEach(() => gate.heal());
afterAll(async () => {
  await gate?.close();
  await target?.close();
});

function env(dataDir: string, more: Record<string, string> = {}) {
  return { STOCKPIPE_DATA_DIR: dataDir, DATABASE_URL: url, STOCKPIPE_WATCHLIST: 'AMZN,MSFT', ...more };
}

/** The ledger's word on an hour, as `status --json` gives it. */
async function states(dataDir: string, hour: string): Promise<string[]> {
  const status = await stockpipe(['status', '--from', hour, '--to', hour, '--json'], env(dataDir));
  return [...status.stdout.matchAll(/"ticker":"(\w+)"[^}]*?"state":"(\w+)"/g)].map((m) => `${m[1]} ${m[2]}`);
}

describe('#20.4 a cut database connection is a failure, not a crash', () => {
  it.each([
    ['BEGIN', /^BEGIN/, '2024-12-05T13:00Z'],
    ['the INSERT', /^INSERT INTO stock_performance/, '2024-12-05T15:00Z'],
    ['COMMIT', /^COMMIT/, '2024-12-05T17:00Z'],
  ])(
    'cut at %s: the run ends with its summary and exit 1, and the next run heals the hour',
    async (_, at, hour) => {
      const dataDir = await tempDir('cut');
      const before = gate.faulted;
      gate.fault({ at, act: 'cut' });
      const cut = await stockpipe(['run', '--hour', hour, '--no-catch-up'], env(dataDir));
      expect(gate.faulted).toBe(before + 1);
      expect(cut.stderr).not.toMatch(/Unhandled|node:events/);
      expect(cut.stderr).toMatch(/== stockpipe failed: .*0\/2 tickers loaded ==/);
      expect(cut.stderr).toMatch(/AMZN +FAILED at load: .*Connection terminated/);
      expect(cut.code).toBe(1);
      // The database is back: the ledger says what happened (failed, or a commit that landed before the cut), and
      // the next hour's run heals it.
      gate.heal();
      expect(await states(dataDir, hour)).not.toEqual([]);
      const next = new Date(Date.parse(hour) + 3_600_000).toISOString().replace(':00.000Z', 'Z');
      const healed = await stockpipe(['run', '--hour', next], env(dataDir));
      expect(healed.code).toBe(0);
      expect(await states(dataDir, hour)).toEqual(['AMZN loaded', 'MSFT loaded']);
    },
  );
});

describe('#20.2 nothing waits on the database without a bound', () => {
  it('ends a run whose database stops answering at COMMIT within its budget, and the next run heals it', async () => {
    const dataDir = await tempDir('silent');
    const hour = '2024-12-05T20:00Z';
    const before = gate.faulted;
    gate.fault({ at: /^COMMIT/, act: 'silence' });
    const silent = await stockpipe(
      ['run', '--hour', hour, '--no-catch-up'],
      env(dataDir, { STOCKPIPE_RUN_BUDGET_SECONDS: '30' }),
    );
    expect(gate.faulted).toBe(before + 1);
    expect(silent.stderr).toMatch(/AMZN +FAILED at load: run budget of 30 s spent/);
    expect(silent.code).toBe(1);
    gate.heal();
    const healed = await stockpipe(['run', '--hour', '2024-12-05T21:00Z'], env(dataDir));
    expect(healed.code).toBe(0);
    expect(await states(dataDir, hour)).toEqual(['AMZN loaded', 'MSFT loaded']);
  });
});
