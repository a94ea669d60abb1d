import { type FakeXServer, oversize, startFakeXServer } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XVolumeSource } from '../../src/sources/x-volume-source.ts';
import { readCounts } from '../../src/stages/read-bodies.ts';

const now = new Date('2026-11-28T17:05:00Z');
let server: FakeXServer;
beforeAll(async () => {
  server = await startFakeXServer({ bearerToken: 'test-token', now: () => now });
});
afterAll(() => server.close());

const amazon = { ticker: 'AMZN', query: '#Amazon OR $AMZN' };
const from = new Date('2026-11-28T10:00Z');
const to = new Date('2026-11-28T17:00Z');

function source() {
  let clock = now.getTime();
  return new XVolumeSource({
    bearerToken: 'test-token',
    baseUrl: server.url,
    deadline: () => now.getTime() + 10 * 60_000,
    backoffMs: 1,
    now: () => new Date(clock),
    sleep: async (ms) => {
      clock += ms;
    },
  });
}

describe('XVolumeSource against a local X API', () => {
  it('asks recent counts for the search’s query by the hour, and hands back the body as X sent it', async () => {
    const response = await source().fetchCounts(amazon, from, to);
    const url = server.countsRequests().at(-1) as URL;
    expect(url.pathname).toBe('/2/tweets/counts/recent');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      query: '(#Amazon OR $AMZN) -is:retweet',
      granularity: 'hour',
      start_time: '2026-11-28T10:00:00.000Z',
      end_time: '2026-11-28T17:00:00.000Z',
    });
    const again = await fetch(`${server.url}${url.pathname}${url.search}`, {
      headers: { authorization: 'Bearer test-token' },
    });
    expect(new TextDecoder().decode(response.body)).toBe(await again.text());
    expect(readCounts('AMZN', new Date('2026-11-28T16:00Z'), response.body).size).toBe(7);
  });

  it('explains X’s refusal of an hour beyond its 7 days of counts', async () => {
    await expect(source().fetchCounts(amazon, new Date('2026-11-20T10:00Z'), to)).rejects.toThrow(
      /AMZN: X recent counts reaches back 7 days and 2026-11-20T10:00:00.000Z is 8 days old/,
    );
  });

  it('retries X’s server errors, and stops at a body larger than a response may be, as the search does', async () => {
    server.enqueue({ status: 503, body: '{"title":"Service Unavailable"}' });
    const counted = server.countsRequests().length;
    await source().fetchCounts(amazon, from, to);
    expect(server.countsRequests().length - counted).toBe(1);
    const stop = server.hostile(
      (url) => url.pathname === '/2/tweets/counts/recent',
      oversize(5 * 1024 * 1024),
    );
    try {
      await expect(source().fetchCounts(amazon, from, to)).rejects.toThrow(/X sent more than 4 MB/);
    } finally {
      stop();
    }
  });
});
