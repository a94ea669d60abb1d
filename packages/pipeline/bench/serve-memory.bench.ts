// `pnpm --filter @stockpipe/pipeline bench:serve-memory [runs]`: `stockpipe serve` from the bundle, as the image runs
// it, on sample data with the demo's five tickers, driven through `runs` (default 48) scheduled hours by a clock file.
// Prints its resident memory idle after start and after every 12 runs, from /proc: a leak shows as growth over the
// runs. Goals: idle ≤ 300 MB, no growth over the runs.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imageNodeFlags } from '../scripts/image-node-flags.ts';

const runs = Number(process.argv[2] ?? 48);
const IDLE_TARGET_MB = 300;
const root = fileURLToPath(new URL('../', import.meta.url));
execFileSync(process.execPath, [join(root, 'scripts/bundle.ts')], { stdio: 'inherit' });

const dir = await mkdtemp(join(tmpdir(), 'stockpipe-serve-bench-'));
const clock = join(dir, 'clock');
const start = Date.parse('2024-12-02T00:30:00Z');
const setClock = (hours: number) =>
  writeFile(clock, new Date(start + hours * 3_600_000 + 6 * 60_000).toISOString());
await setClock(0);
const port = await freePort();
const child = spawn(
  process.execPath,
  [
    ...imageNodeFlags(),
    join(root, 'dist/stockpipe.mjs'),
    'serve',
    '--port',
    String(port),
    '--warehouse-port',
    String(await freePort()),
    '--clock-file',
    clock,
  ],
  {
    env: { PATH: process.env.PATH, STOCKPIPE_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  },
);
const rssMb = () => {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
};
const lastHour = async () => {
  const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
    lastRun: { hour: string } | null;
    running: string | null;
  };
  return health.running ? null : (health.lastRun?.hour ?? null);
};
/** Waits for the run of the clock's `hours`-th step: at 00:36 + h hours, the hour before the clock's hour. */
async function ranHour(hours: number) {
  const lastComplete = Math.floor((start + hours * 3_600_000) / 3_600_000) * 3_600_000 - 3_600_000;
  const want = `${new Date(lastComplete).toISOString().slice(0, 13)}:00Z`;
  for (;;) {
    if ((await lastHour().catch(() => null)) === want) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

try {
  const started = performance.now();
  await ranHour(0);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idle = rssMb();
  console.log(`serve idle after its first run: ${idle} MB RSS (goal ≤ ${IDLE_TARGET_MB} MB)`);
  const samples: number[] = [];
  for (let hour = 1; hour <= runs; hour++) {
    await setClock(hour);
    await ranHour(hour);
    if (hour % 12 === 0) {
      samples.push(rssMb());
      console.log(`after ${hour} hourly runs: ${samples.at(-1)} MB RSS`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const growth = (samples.at(-1) ?? 0) - (samples[0] ?? 0);
  console.log(
    `${runs} runs in ${seconds.toFixed(1)} s; RSS from the 12th to the ${runs}th run: ${growth >= 0 ? '+' : ''}${growth} MB`,
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await rm(dir, { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
}
