import type { AnswerChange } from './http-fake.ts';

// What an adversarial trial had the fakes of X and Yahoo answer (issue #20), each a change to the answer a fake
// would have given, for `FakeServer.hostile`: a test names the ticker it hurts and keeps the others healthy.

/** The body one byte (or `bytes`) at a time, every `everyMs`: headers at once, the whole response never. */
export function drip({ everyMs = 5_000, bytes = 1 } = {}): AnswerChange {
  return (normal) => ({
    ...normal,
    send(response) {
      const body = Buffer.from(normal.body);
      let at = 0;
      const timer = setInterval(() => {
        if (at >= body.length) {
          clearInterval(timer);
          response.end();
          return;
        }
        response.write(body.subarray(at, at + bytes));
        at += bytes;
      }, everyMs);
      response.on('close', () => clearInterval(timer));
    },
  });
}

/** A 200 whose body ends after `bytes`: a complete response, of half a document. */
export function truncated(bytes = 200): AnswerChange {
  return (normal) => ({ ...normal, status: 200, body: normal.body.slice(0, bytes) });
}

/** A 200 of HTML, as a captive portal or a CDN's error page sends it. */
export const html: AnswerChange = (normal) => ({
  ...normal,
  status: 200,
  headers: { ...normal.headers, 'content-type': 'text/html; charset=utf-8' },
  body: '<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>',
});

/** A 200 of bytes that are no document at all. */
export const junk: AnswerChange = (normal) => ({
  ...normal,
  status: 200,
  body: '\u0000\u00ff\u0013garbage ]]} {{ \u0007 not json',
});

/**
 * A 200 of `bytes` bytes, made as the client reads them (so the fake itself stays small): a JSON document that
 * opens and never seems to end, until it does.
 */
export function oversize(bytes: number): AnswerChange {
  return (normal) => ({
    ...normal,
    status: 200,
    send(response) {
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let left = bytes;
      const more = () => {
        while (left > 0 && !response.destroyed) {
          const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= part.length;
          if (!response.write(part)) return void response.once('drain', more);
        }
        response.end();
      };
      response.write('{"data":"');
      more();
    },
  });
}

/** The answer's JSON with one value changed by `edit` (out of range, out of the hour, negative…). */
export function edited(edit: (json: Record<string, unknown>) => void): AnswerChange {
  return (normal) => {
    const json = JSON.parse(normal.body) as Record<string, unknown>;
    edit(json);
    return { ...normal, body: JSON.stringify(json) };
  };
}

/**
 * X's 429 with a rate-limit reset `seconds` away (a month, say) and `remaining` as given (X sends '0'; a broken
 * proxy may send anything).
 */
export function rateLimitedFor(seconds: number, remaining = '0'): AnswerChange {
  return (normal) => ({
    ...normal,
    status: 429,
    headers: {
      ...normal.headers,
      'x-rate-limit-limit': '450',
      'x-rate-limit-remaining': remaining,
      'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + seconds),
    },
    body: JSON.stringify({
      title: 'Too Many Requests',
      type: 'about:blank',
      status: 429,
      detail: 'Too Many Requests',
    }),
  });
}

/** An error answer whose text carries terminal escapes and a line of its own, as a hostile upstream may send. */
export function escapes(status: number): AnswerChange {
  return (normal) => ({
    ...normal,
    status,
    body: JSON.stringify({
      title: 'Bad\u001b[2J\u001b[31mRequest',
      detail: 'nope\r\nAMZN   10 posts, sentiment +0.900 POSITIVE, close 999.00\u0007',
    }),
  });
}
