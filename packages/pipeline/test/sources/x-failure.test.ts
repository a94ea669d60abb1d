import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyXAnswer } from '../../src/sources/x-failure.ts';

// Real recorded X error bodies; provenance in fixtures/SOURCE.md.
const body = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const hour = new Date('2026-11-28T10:00Z');
const now = new Date('2026-11-28T12:34:56Z');

describe('classifyXAnswer', () => {
  it('reads 401 and 403 as a credentials problem', () => {
    const verdict = classifyXAnswer(
      { status: 401, headers: {}, body: body('x-error-401-unauthorized.json') },
      hour,
      now,
    );
    expect(verdict).toEqual({
      kind: 'fatal',
      message: expect.stringMatching(
        /^X refused the credentials \(401: Unauthorized: Unauthorized\); check X_BEARER_TOKEN/,
      ),
    });
    expect(classifyXAnswer({ status: 403, headers: {}, body: '' }, hour, now).message).toMatch(
      /credentials \(403\)/,
    );
  });

  it('reads a 429 with remaining 0 as the rate limit, resetting at x-rate-limit-reset', () => {
    const verdict = classifyXAnswer(
      {
        status: 429,
        headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1795869600' },
        body: body('x-error-429-too-many-requests.json'),
      },
      hour,
      now,
    );
    expect(verdict).toEqual({
      kind: 'rate_limited',
      resetAt: new Date(1795869600 * 1000),
      message: 'X rate limit reached; it resets at 2026-11-28T12:40:00.000Z',
    });
  });

  it('does not assume a 429 body is JSON', () => {
    const verdict = classifyXAnswer(
      {
        status: 429,
        headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1795869600' },
        body: 'Rate limit exceeded\n',
      },
      hour,
      now,
    );
    expect(verdict.kind).toBe('rate_limited');
  });

  it('tells the monthly usage cap from the rate limit: its body says so, and requests remain', () => {
    const capped = classifyXAnswer(
      {
        status: 429,
        headers: { 'x-rate-limit-limit': '40000', 'x-rate-limit-remaining': '39999' },
        body: body('x-error-429-usage-capped.json'),
      },
      hour,
      now,
    );
    expect(capped).toEqual({
      kind: 'fatal',
      message: expect.stringMatching(
        /^X usage cap reached, not the rate limit.*Usage cap exceeded: Monthly product cap/,
      ),
    });
    // Requests left in the window, yet a 429: the cap, even with a body that does not say so.
    expect(
      classifyXAnswer(
        { status: 429, headers: { 'x-rate-limit-remaining': '12' }, body: 'Too Many Requests' },
        hour,
        now,
      ).kind,
    ).toBe('fatal');
  });

  it('retries server errors', () => {
    expect(classifyXAnswer({ status: 503, headers: {}, body: '<html>busy</html>' }, hour, now)).toEqual({
      kind: 'transient',
      message: 'X answered 503: <html>busy</html>',
    });
  });

  it('explains an hour beyond recent search’s 7 days', () => {
    const refusal = JSON.stringify({
      errors: [
        {
          parameters: { start_time: ['2026-11-01T10:00Z'] },
          message:
            "Invalid 'start_time':'2026-11-01T10:00Z'. 'start_time' must be on or after 2026-11-21T12:35Z",
        },
      ],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    });
    const verdict = classifyXAnswer(
      { status: 400, headers: {}, body: refusal },
      new Date('2026-11-01T10:00Z'),
      now,
    );
    expect(verdict.kind).toBe('fatal');
    expect(verdict.message).toMatch(
      /^X recent search reaches back 7 days and 2026-11-01T10:00:00.000Z is 27 days old; point X_API_BASE_URL at an archive/,
    );
    expect(verdict.message).toMatch(/must be on or after/);
  });

  it('#20.8 reads a 429 whose remaining is not a number (a proxy’s "zero") as the rate limit, not the usage cap', () => {
    const verdict = classifyXAnswer(
      {
        status: 429,
        headers: { 'x-rate-limit-remaining': 'zero', 'x-rate-limit-reset': '1795869600' },
        body: body('x-error-429-too-many-requests.json'),
      },
      hour,
      now,
    );
    expect(verdict.kind).toBe('rate_limited');
  });
});
