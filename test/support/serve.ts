import { rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import parsePrometheus from 'parse-prometheus-text-format';
import { type RunningCli, startStockpipe } from './cli.ts';

/** A `stockpipe serve` process driven by a clock file, with its two ports. */
export interface Served {
  cli: RunningCli;
  pages: string;
  warehouse: string;
  clockFile: string;
  setClock(iso: string): Promise<void>;
  health(): Promise<{ status: number; body: HealthBody }>;
  /** The metrics as a real Prometheus parser reads them: name → value (the first sample). */
  metrics(): Promise<Record<string, number>>;
  /** Resolves when the last run's hour is `hour` (ISO label, e.g. 2024-12-06T14:00Z). */
  ranHour(hour: string, timeoutMs?: number): Promise<HealthBody>;
  /** SIGTERM, and its exit. */
  stop(): Promise<{ code: number }>;
}

interface HealthBody {
  status: string;
  lastRun: { hour: string; finishedAt: string; outcome: string } | null;
  running: string | null;
  nextRun: string | null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startServe(
  dir: string,
  env: Record<string, string | undefined>,
  startAt: string,
): Promise<Served> {
  const clockFile = join(dir, 'clock');
  // Written beside and renamed over, so serve never reads a half-written clock.
  const setClock = async (iso: string) => {
    await writeFile(`${clockFile}.next`, `${iso}\n`);
    await rename(`${clockFile}.next`, clockFile);
  };
  await setClock(startAt);
  const [port, warehousePort] = [await freePort(), await freePort()];
  const cli = startStockpipe(
    ['serve', '--port', String(port), '--warehouse-port', String(warehousePort), '--clock-file', clockFile],
    env,
  );
  await cli.printed(/Ctrl-C \(or SIGTERM\) stops it/);
  const pages = `http://127.0.0.1:${port}`;
  const health = async () => {
    const response = await fetch(`${pages}/healthz`);
    return { status: response.status, body: (await response.json()) as HealthBody };
  };
  return {
    cli,
    pages,
    warehouse: `postgresql://postgres@127.0.0.1:${warehousePort}/postgres`,
    clockFile,
    setClock,
    health,
    async metrics() {
      const text = await (await fetch(`${pages}/metrics`)).text();
      const families = parsePrometheus(text);
      return Object.fromEntries(families.map((f) => [f.name, Number(f.metrics[0]?.value ?? Number.NaN)]));
    },
    async ranHour(hour, timeoutMs = 180_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await health();
        if (body.lastRun?.hour === hour && body.running === null) return body;
        if (Date.now() > until)
          throw new Error(
            `no run of ${hour} within ${timeoutMs} ms; last: ${JSON.stringify(body)}\n${cli.stderr()}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      cli.child.kill('SIGTERM');
      return cli.exited;
    },
  };
}
