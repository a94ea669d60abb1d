import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through to a local service that starts refusing (503) after a number of requests: a store that fails
 * midway, for the CLI reached through its endpoint variable.
 */
export async function startFlakyProxy(target: string, failAfter: number) {
  let served = 0;
  const server = createServer((incoming, outgoing) => {
    served += 1;
    if (served > failAfter) {
      incoming.resume();
      outgoing.writeHead(503, { 'content-type': 'application/xml' });
      outgoing.end('<Error><Code>ServiceUnavailable</Code><Message>down for the test</Message></Error>');
      return;
    }
    const url = new URL(incoming.url ?? '/', target);
    const forwarded = request(url, { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served: () => served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
