import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ConfigError } from '@stockpipe/shared';
import type { Logger } from '../log.ts';

/** A route's answer. */
interface Page {
  status?: number;
  type: string;
  body: string;
}

export type Routes = Record<string, (query: URLSearchParams) => Promise<Page>>;

/**
 * A loopback HTTP server of a few GET routes (pages, health, metrics). A route that throws answers 500 with one
 * line, and is logged; nothing it does can stop the process.
 */
export async function startHttpServer(
  routes: Routes,
  at: { port: number; host: string },
  logger: Logger,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routes[url.pathname];
    if (request.method !== 'GET' || !route) {
      response.writeHead(request.method === 'GET' ? 404 : 405, { 'content-type': 'text/plain' });
      response.end(request.method === 'GET' ? 'not found\n' : 'GET only\n');
      return;
    }
    route(url.searchParams).then(
      (page) => {
        response.writeHead(page.status ?? 200, { 'content-type': page.type, 'cache-control': 'no-store' });
        response.end(page.body);
      },
      (error: unknown) => {
        // A query the page cannot take (?range=year) is the asker's to fix, as a bad flag is.
        if (error instanceof ConfigError) {
          response.writeHead(400, { 'content-type': 'text/plain' });
          response.end(`${error.message}\n`);
          return;
        }
        logger.warn({ stage: 'http', path: url.pathname, err: error }, 'page failed');
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`could not make ${url.pathname}: ${(error as Error).message}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError([
              `--port: ${at.host}:${at.port} is in use by another program; choose another port`,
            ])
          : error,
      ),
    );
    server.listen(at.port, at.host, () => resolve());
  });
  const address = server.address() as { port: number };
  return {
    // Listening on every interface (in a container), it is still reached on loopback from this machine.
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
