// `pnpm --filter @stockpipe/pipeline bench:analyze-command [tickers] [days]`: `stockpipe analyze` from the bundle,
// as the image runs it, over a PostgreSQL warehouse of `tickers` (default 500) × `days` (default 365) hours of
// synthetic rows made in SQL (a random walk, the NYSE's weekday hours traded, sentiment and volume noise), each hour
// loaded on time. Prints the wall time and the peak RSS of the command, with and without --save. Goal: 500 tickers
// × a year (4.4M rows) in ≤ 60 s and ≤ 300 MB, memory flat in the number of tickers.
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { imageNodeFlags } from '../scripts/image-node-flags.ts';
import { serverUrl } from './server-url.ts';

const tickers = Number(process.argv[2] ?? 500);
const days = Number(process.argv[3] ?? 365);
const root = fileURLToPath(new URL('../', import.meta.url));
const server = await serverUrl();
if (!server)
  throw new Error('bench:analyze-command needs a PostgreSQL server (DATABASE_URL or 127.0.0.1:5432)');
execFileSync(process.execPath, [join(root, 'scripts/bundle.ts')], { stdio: 'inherit' });

const name = `stockpipe_bench_analyze_${Date.now()}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const env = { PATH: process.env.PATH, DATABASE_URL: url.toString(), STOCKPIPE_WATCHLIST: 'T0' };

/** The command as a child, its peak RSS polled from /proc (VmHWM). */
function analyze(args: string[]): Promise<{ code: number; seconds: number; peakMb: number; stdout: string }> {
  const started = performance.now();
  let hwmKb = 0;
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...imageNodeFlags(), join(root, 'dist/stockpipe.mjs'), 'analyze', ...args],
      { env, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) process.stderr.write(stderr);
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          seconds: (performance.now() - started) / 1000,
          peakMb: Math.round(hwmKb / 1024),
          stdout,
        });
      },
    );
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        hwmKb = Math.max(hwmKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {}
    }, 20);
    child.on('exit', () => clearInterval(poll));
  });
}

try {
  // The schema, by the job's own migrations (a dry status run applies them).
  execFileSync(process.execPath, [join(root, 'dist/stockpipe.mjs'), 'status', '--hours', '1'], {
    env,
    stdio: 'ignore',
  });
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  const made = performance.now();
  const from = '2024-01-01T00:00Z';
  await client.query(
    `INSERT INTO stock_performance (ticker, hour_start, post_count, scored_count, sentiment_score, positive_count,
            negative_count, neutral_count, mixed_count, market_closed, open, high, low, close, volume, run_id, post_volume)
     SELECT 'T' || t, h, 10, 8, s, 3, 3, 2, 0, NOT traded, CASE WHEN traded THEN p END, CASE WHEN traded THEN p * 1.001 END,
            CASE WHEN traded THEN p * 0.999 END, CASE WHEN traded THEN p * (1 + 0.002 * (random() - 0.5)) END,
            CASE WHEN traded THEN 1000 END, 'bench', (50 + 100 * random())::int
       FROM generate_series(0, $1::int - 1) AS t
       CROSS JOIN LATERAL (
         SELECT h, extract(isodow FROM h) < 6 AND extract(hour FROM h) BETWEEN 14 AND 20 AS traded,
                100 + 10 * sin(extract(epoch FROM h) / 86400.0 + t) AS p,
                greatest(-1, least(1, 0.3 * (random() - 0.5) * 2)) AS s
           FROM generate_series($2::timestamptz, $2::timestamptz + make_interval(days => $3::int) - interval '1 hour',
                                interval '1 hour') AS h
       ) hours`,
    [tickers, from, days],
  );
  await client.query(
    `INSERT INTO stock_hour_ledger (ticker, hour_start, state, attempts, failures, first_attempt_at, last_attempt_at,
            run_id, first_loaded_at)
     SELECT ticker, hour_start, 'loaded', 1, 0, hour_start + interval '65 minutes', hour_start + interval '65 minutes',
            'bench', hour_start + interval '65 minutes'
       FROM stock_performance`,
  );
  await client.query('ANALYZE');
  const rows = (await client.query('SELECT count(*)::int AS n FROM stock_performance')).rows[0].n as number;
  await client.end();
  console.log(
    `bench:analyze-command: ${tickers} tickers × ${days} days = ${rows.toLocaleString('en-US')} rows, made in ${((performance.now() - made) / 1000).toFixed(1)} s (not counted)`,
  );
  const range = [
    '--from',
    from,
    '--to',
    new Date(Date.parse(from) + days * 86_400_000 - 3_600_000).toISOString(),
  ];
  const plain = await analyze([...range, '--json']);
  if (plain.code !== 0) throw new Error(`analyze exited ${plain.code}: ${plain.stdout.slice(0, 500)}`);
  const verdicts = new Map<string, number>();
  for (const t of (JSON.parse(plain.stdout) as { tickers: { verdict: string }[] }).tickers)
    verdicts.set(t.verdict, (verdicts.get(t.verdict) ?? 0) + 1);
  console.log(
    `  analyze --json   ${plain.seconds.toFixed(1)} s, peak RSS ${plain.peakMb} MB (exit ${plain.code}); verdicts ${JSON.stringify(Object.fromEntries(verdicts))}`,
  );
  const saved = await analyze([...range, '--save']);
  console.log(
    `  analyze --save   ${saved.seconds.toFixed(1)} s, peak RSS ${saved.peakMb} MB (exit ${saved.code})`,
  );
  console.log('  goal: ≤ 60 s and ≤ 300 MB for 500 tickers × 365 days');
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
