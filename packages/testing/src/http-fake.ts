import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** Hold the answer this long: for timeouts. */
  delayMs?: number;
  /** Hold the answer until this settles: keeps a client busy for as long as a test needs. */
  until?: Promise<unknown>;
  /** Writes the body itself, after the status and headers: a drip, a flood, a cut (hostile-answers.ts). */
  send?: (response: ServerResponse) => void;
}

/** Turns the answer a fake would give into another: a hostile upstream (hostile-answers.ts). */
export type AnswerChange = (normal: FakeAnswer, url: URL) => FakeAnswer;

export type FakeHandler = (url: URL, request: IncomingMessage, body: string) => FakeAnswer;

export interface FakeServer {
  url: string;
  /** Every request, in order. */
  requests: { url: URL; headers: IncomingMessage['headers']; body: string }[];
  /** Answers to give instead of the default handler, one per request, first in first out. */
  enqueue(...answers: FakeAnswer[]): void;
  /**
   * From now on, the requests `when` picks get `change`d answers (one ticker's, say), until the returned function
   * is called: an upstream that answers badly on purpose, beside healthy ones.
   */
  hostile(when: (url: URL) => boolean, change: AnswerChange): () => void;
  close(): Promise<void>;
}

/** A loopback HTTP server answering with a handler, or with answers a test queued: the base of the API fakes. */
export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  const queued: FakeAnswer[] = [];
  const changes = new Set<{ when: (url: URL) => boolean; change: AnswerChange }>();
  const requests: FakeServer['requests'] = [];
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ url, headers: request.headers, body });
    let answer = queued.shift() ?? handler(url, request, body);
    for (const { when, change } of changes) if (when(url)) answer = change(answer, url);
    const send = () => {
      response.writeHead(answer.status, {
        'content-type': 'application/json; charset=utf-8',
        ...answer.headers,
      });
      if (answer.send) answer.send(response);
      else response.end(answer.body);
    };
    if (answer.until) answer.until.then(send, send);
    else if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...answers) => queued.push(...answers),
    hostile(when, change) {
      const rule = { when, change };
      changes.add(rule);
      return () => changes.delete(rule);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
