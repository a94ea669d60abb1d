import { createServer, type Server, type Socket } from 'node:net';
import { type FakeServer, startFakeServer } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStockpipe, tempDir } from './support/cli.ts';

// A finished command exits at once: nothing of it goes on after `run finished`. Checked without timers: a peer
// that never hangs up (so only the client can end the connection), and a count of requests made after the end.

/**
 * A PostgreSQL server that wants SCRAM-SHA-256 and then never closes the connection itself, like a real server
 * waiting out its authentication_timeout (60 s) for a client that has no password to send.
 */
async function startScramServer(): Promise<{ url: string; open: Set<Socket>; close(): Promise<void> }> {
  const open = new Set<Socket>();
  const auth = (type: number, payload: string) => {
    const body = Buffer.from(payload);
    const message = Buffer.alloc(9 + body.length);
    message.write('R', 0);
    message.writeInt32BE(8 + body.length, 1);
    message.writeInt32BE(type, 5);
    body.copy(message, 9);
    return message;
  };
  const server: Server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => {});
    socket.once('data', () => {
      socket.write(auth(10, 'SCRAM-SHA-256\0\0')); // AuthenticationSASL
      socket.once('data', (first) => {
        const nonce = /r=([^,\0]+)/.exec(first.toString('latin1'))?.[1];
        socket.write(auth(11, `r=${nonce}server,s=c2FsdA==,i=4096`)); // AuthenticationSASLContinue
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/stockpipe`,
    open,
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

let scram: Awaited<ReturnType<typeof startScramServer>>;
let x: FakeServer;
beforeAll(async () => {
  [scram, x] = await Promise.all([
    startScramServer(),
    // X down: every search answers 503, which the source retries with backoff.
    startFakeServer(() => ({ status: 503, body: '{"title":"Service Unavailable"}' })),
  ]);
});
afterAll(async () => {
  await Promise.all([scram.close(), x.close()]);
});

describe('a command that has finished', () => {
  it('says plainly that the database wants a password DATABASE_URL lacks, and exits with the run', async () => {
    const run = startStockpipe(['run', '--hour', '2024-12-06T15:00Z'], {
      STOCKPIPE_DATA_DIR: await tempDir('scram'),
      DATABASE_URL: scram.url,
    });
    const result = await run.exited; // the server never hangs up: only the job can end its connections
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /AMZN +FAILED at load: the database asks for a password and DATABASE_URL has none/,
    );
    expect(scram.open.size).toBe(0);
  });

  it('names the cause of an unreachable source in the summary, and stops the ticker’s other requests', async () => {
    const closedPort = await freePort(); // nothing listens there: the connection is refused
    const run = startStockpipe(['run', '--hour', '2024-12-06T15:00Z', '--watchlist', 'AMZN,MSFT'], {
      STOCKPIPE_DATA_DIR: await tempDir('unreachable'),
      STOCKPIPE_SOURCE: 'live',
      X_BEARER_TOKEN: 'token',
      X_API_BASE_URL: x.url,
      YAHOO_FINANCE_BASE_URL: `http://127.0.0.1:${closedPort}`,
    });
    const before = x.requests.length;
    await run.printed(/"msg":"run finished"/);
    const result = await run.exited;
    expect(result.code).toBe(1);
    for (const ticker of ['AMZN', 'MSFT']) {
      expect(result.stderr).toMatch(
        new RegExp(`${ticker} +FAILED at extract: .*\\(ECONNREFUSED 127\\.0\\.0\\.1:${closedPort}\\)`),
      );
    }
    // X's retries of the failed tickers ended with them: one search each (a request already on its way may land
    // as the run ends), not the 4 each that its retries would have made over the next 7 s.
    expect(x.requests.length - before).toBeLessThanOrEqual(2 * 2);
  });
});
