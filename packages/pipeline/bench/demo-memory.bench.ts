// `pnpm --filter @stockpipe/pipeline bench:demo-memory [rounds]`: `stockpipe demo` as `pnpm demo` runs it (the CLI
// from source, embedded PGlite, sample data), in a fresh data dir and then again in the same one. Prints the wall time
// and the peak RSS of the node process itself: from /usr/bin/time when present, else its VmHWM polled from /proc.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.argv[2] ?? process.env.BENCH_ROUNDS ?? 3);
const TARGET_MB = 512;
const TIME = '/usr/bin/time';
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
// A fixed Friday, so every round processes the same 120 ticker-hours, trading ones included.
const args = [cli, 'demo', '--until', '2024-12-06T21:00Z'];

interface Measured {
  code: number;
  wallS: number;
  peakMb: number;
}

/** One demo in `dataDir`; no DATABASE_URL, so the warehouse is the embedded one. */
async function demo(dataDir: string): Promise<Measured> {
  const env = { PATH: process.env.PATH, STOCKPIPE_DATA_DIR: dataDir };
  const timeFile = join(dataDir, '..', `time-${Date.now()}`);
  const [file, argv] = existsSync(TIME)
    ? [TIME, ['-f', '%M', '-o', timeFile, process.execPath, ...args]]
    : [process.execPath, args];
  const started = performance.now();
  let hwmKb = 0;
  const code = await new Promise<number>((resolve) => {
    const child = execFile(file, argv, { env, maxBuffer: 64 * 1024 * 1024 }, (error) =>
      resolve(error ? Number(error.code ?? 1) : 0),
    );
    if (file === TIME) return;
    // VmHWM is the kernel's own peak; polling only misses growth in the last few milliseconds.
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        hwmKb = Math.max(hwmKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {}
    }, 10);
    child.on('exit', () => clearInterval(poll));
  });
  const wallS = (performance.now() - started) / 1000;
  if (file === TIME) hwmKb = Number((await readFile(timeFile, 'utf8')).trim().split('\n').at(-1));
  return { code, wallS, peakMb: Math.round(hwmKb / 1024) };
}

const line = (label: string, m: Measured) =>
  console.log(
    `  ${label.padEnd(16)}${`${m.wallS.toFixed(1)} s`.padStart(9)}${`${m.peakMb} MB`.padStart(10)}  ${m.code === 0 ? (m.peakMb <= TARGET_MB ? '' : `ABOVE ${TARGET_MB} MB`) : `exit ${m.code}`}`,
  );

console.log(
  `\nstockpipe demo-memory: \`stockpipe demo\` (24 hours × 5 tickers, sample data, embedded PGlite), ${rounds} rounds, ` +
    `peak RSS from ${existsSync(TIME) ? TIME : 'VmHWM polled every 10 ms'}; target ≤ ${TARGET_MB} MB\n`,
);
console.log(`  ${'demo'.padEnd(16)}${'wall'.padStart(9)}${'peak RSS'.padStart(10)}`);
const all: Record<'first' | 'warm', Measured[]> = { first: [], warm: [] };
for (let round = 1; round <= rounds; round++) {
  const parent = await mkdtemp(join(tmpdir(), 'stockpipe-demo-memory-'));
  const dataDir = join(parent, 'data');
  for (const phase of ['first', 'warm'] as const) {
    const m = await demo(dataDir);
    all[phase].push(m);
    line(`${phase === 'first' ? 'first (fresh)' : 'warm'} #${round}`, m);
  }
  await rm(parent, { recursive: true, force: true });
}
console.log('');
for (const phase of ['first', 'warm'] as const) {
  const peaks = all[phase].map((m) => m.peakMb);
  const walls = all[phase].map((m) => m.wallS);
  console.log(
    `  ${phase.padEnd(6)} peak RSS ${Math.min(...peaks)}–${Math.max(...peaks)} MB, wall ${Math.min(...walls).toFixed(1)}–${Math.max(...walls).toFixed(1)} s`,
  );
}
process.exitCode = Object.values(all)
  .flat()
  .some((m) => m.code !== 0)
  ? 1
  : 0;
