import { execFile, execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { imageNodeFlags } from '../../scripts/image-node-flags.ts';

// Builds the bundle the Dockerfile copies, copies exactly what its runtime stage copies into an empty folder (no
// node_modules, no source), and runs it there as the container would.
const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
let app: string;

beforeAll(async () => {
  execFileSync(process.execPath, [join(PACKAGE, 'scripts/bundle.ts')], { stdio: 'pipe' });
  app = await mkdtemp(join(tmpdir(), 'stockpipe-image-'));
  const dockerfile = await readFile(join(PACKAGE, 'Dockerfile'), 'utf8');
  const copies = [
    ...dockerfile.matchAll(/^COPY --from=build \/repo\/packages\/pipeline\/(\S+) \.\/(\S+)$/gm),
  ];
  expect(copies.map((m) => m[1])).toEqual(['dist', 'migrations', 'models', 'warehouse']);
  for (const [, from, to] of copies)
    await cp(join(PACKAGE, from as string), join(app, to as string), { recursive: true });
}, 180_000);

const run = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [...imageNodeFlags(), join(app, 'dist/stockpipe.mjs'), ...args],
      { cwd: app, env: { PATH: '/usr/bin:/bin', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });

// With the node flags of the image's ENTRYPOINT, so they are checked to work with this Node.
describe('the bundle, alone as in the image', () => {
  it('explains itself with --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/run \[options\]/);
  });

  it('runs an hour on embedded defaults: migrations, model and PGlite found beside it', async () => {
    const result = await run(
      ['run', '--hour', '2024-12-06T15:00Z', '--watchlist', 'AMZN:#Amazon,MSFT:#Microsoft'],
      {
        STOCKPIPE_DATA_DIR: join(app, 'data'),
      },
    );
    expect(result.stderr).toMatch(/stockpipe succeeded: 2024-12-06T15:00Z, 2\/2 tickers loaded/);
    expect(result.code).toBe(0);
    const events = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(events[0]).toMatchObject({ msg: 'run started', stage: 'start', tickers: 2 });
    expect(events.find((e) => e.msg === 'stage' && e.stage === 'load')).toMatchObject({ rows: 2 });
  }, 180_000);

  it('serves as the container would: every interface, the data dir on a volume, stopped by SIGTERM', async () => {
    const data = join(app, 'volume');
    await writeFile(join(app, 'clock'), '2024-12-06T15:30:00Z\n');
    const [port, warehousePort] = [await freePort(), await freePort()];
    const child = spawn(
      process.execPath,
      [
        ...imageNodeFlags(),
        join(app, 'dist/stockpipe.mjs'),
        'serve',
        '--host',
        '0.0.0.0',
        '--port',
        String(port),
        '--warehouse-port',
        String(warehousePort),
        '--clock-file',
        join(app, 'clock'),
      ],
      {
        cwd: app,
        env: { PATH: '/usr/bin:/bin', STOCKPIPE_DATA_DIR: data, STOCKPIPE_WATCHLIST: 'AMZN:#Amazon' },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await vi.waitFor(() => expect(output).toMatch(/"msg":"run finished"/), {
        timeout: 240_000,
        interval: 200,
      });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok', lastRun: { hour: '2024-12-06T14:00Z' } });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 300_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
