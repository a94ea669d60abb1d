import { describe, expect, it } from 'vitest';
import { failureReason } from '../src/failure-reason.ts';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:59999'), {
  code: 'ECONNREFUSED',
  address: '127.0.0.1',
  port: 59999,
});

describe('failureReason', () => {
  it('adds the system error under a vague message', () => {
    const error = new Error('Yahoo chart request failed: fetch failed', {
      cause: new TypeError('fetch failed', { cause: refused }),
    });
    expect(failureReason(error)).toBe(
      'Yahoo chart request failed: fetch failed (ECONNREFUSED 127.0.0.1:59999)',
    );
  });

  it('finds the socket error twitter-api-v2 keeps beside the message', () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND api.x.invalid'), { code: 'ENOTFOUND' });
    const error = new Error('AMZN: X did not answer: Request failed', {
      cause: Object.assign(new Error('Request failed'), { requestError: notFound }),
    });
    expect(failureReason(error)).toBe('AMZN: X did not answer: Request failed (ENOTFOUND)');
  });

  it('finds it where twitter-api-v2 1.29.1 really keeps it', () => {
    const error = new Error('AMZN: X did not answer: Request failed.', {
      cause: Object.assign(new Error('Request failed.'), { _options: { error: refused } }),
    });
    expect(failureReason(error)).toBe(
      'AMZN: X did not answer: Request failed. (ECONNREFUSED 127.0.0.1:59999)',
    );
  });

  it('leaves a message that already says it, or has no system error under it', () => {
    expect(failureReason(new Error('connect ECONNREFUSED 127.0.0.1:1', { cause: refused }))).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(failureReason(new Error('X refused the credentials (401)'))).toBe(
      'X refused the credentials (401)',
    );
    expect(failureReason('plain')).toBe('plain');
  });
});

describe('#20.7 failureReason of what is no Error', () => {
  it('reads a plain object as what it holds, never "[object Object]"', () => {
    expect(failureReason({ name: 'ErrnoError', errno: 51 })).toBe(
      'ErrnoError {"name":"ErrnoError","errno":51}',
    );
    expect(failureReason({ message: 'gone' })).toBe('gone');
    expect(failureReason('text')).toBe('text');
  });
});
