import { type FakeXServer, startFakeXServer } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  XComplianceChecker,
  type XComplianceCheckerOptions,
} from '../../src/sources/x-compliance-checker.ts';

// Snowflakes of posts made on 2026-11-27.
const FINE = '2000000000000000001';
const DELETED = '2000000000000000002';
const PROTECTED = '2000000000000000003';
const GEO = '2000000000000000004';
const verdicts: Record<string, string> = {
  [DELETED]: 'deleted',
  [PROTECTED]: 'protected',
  [GEO]: 'scrub_geo',
};

let x: FakeXServer;
let failing: FakeXServer;
beforeAll(async () => {
  [x, failing] = await Promise.all([
    startFakeXServer({
      bearerToken: 'test-token',
      compliance: { verdict: (id) => verdicts[id], pollsBeforeComplete: 2 },
    }),
    startFakeXServer({ bearerToken: 'test-token', compliance: { verdict: () => 'deleted', fails: true } }),
  ]);
});
afterAll(() => Promise.all([x.close(), failing.close()]));

const checker = (server: FakeXServer, over: Partial<XComplianceCheckerOptions> = {}) =>
  new XComplianceChecker({
    bearerToken: 'test-token',
    baseUrl: server.url,
    deadline: () => Date.now() + 60_000,
    jobName: 'stockpipe-test',
    pollMs: 5,
    ...over,
  });

describe('XComplianceChecker against a local X API', () => {
  it('makes a tweets job, uploads the ids, polls until complete, and reads the verdicts from the download', async () => {
    const results = await checker(x).check([FINE, DELETED, PROTECTED, GEO]);
    expect(results).toEqual([
      { postId: DELETED, action: 'delete', reason: 'deleted' },
      { postId: PROTECTED, action: 'delete', reason: 'protected' },
      { postId: GEO, action: 'delete', reason: 'scrub_geo' },
    ]);
    const [job] = x.complianceJobs();
    expect(job).toMatchObject({ name: 'stockpipe-test', ids: [FINE, DELETED, PROTECTED, GEO], polls: 3 });
    const paths = x.requests.map((r) => `${r.url.pathname}`);
    expect(paths).toEqual([
      '/2/compliance/jobs',
      `/x-compliance-storage/upload/${job?.id}`,
      `/2/compliance/jobs/${job?.id}`,
      `/2/compliance/jobs/${job?.id}`,
      `/2/compliance/jobs/${job?.id}`,
      `/x-compliance-storage/download/${job?.id}`,
    ]);
    // The API gets the bearer token; the signed storage URLs never do.
    const auth = x.requests.map((r) => r.headers.authorization !== undefined);
    expect(auth).toEqual([true, false, true, true, true, false]);
    expect(JSON.parse(x.requests[0]?.body ?? '')).toEqual({ type: 'tweets', name: 'stockpipe-test' });
  });

  it('asks X nothing when there is nothing to check', async () => {
    const before = x.requests.length;
    expect(await checker(x).check([])).toEqual([]);
    expect(x.requests.length).toBe(before);
  });

  it('says so when the job fails, and when it is not done by the deadline', async () => {
    await expect(checker(failing).check([FINE])).rejects.toThrow(/^X compliance job \d+ failed$/);
    await expect(checker(x, { deadline: () => Date.now() }).check([FINE])).rejects.toThrow(
      /still in_progress at the deadline \(STOCKPIPE_RUN_BUDGET_SECONDS\)/,
    );
  });

  it('says what the network did when X cannot be reached', async () => {
    const unreachable = checker(x, { baseUrl: 'http://127.0.0.1:9' }).check([FINE]);
    await expect(unreachable).rejects.toThrow(
      /^X compliance, creating the job: .*ECONNREFUSED 127\.0\.0\.1:9/,
    );
  });

  it('explains refused credentials without repeating them', async () => {
    const refused = checker(x, { bearerToken: 'wrong-token' }).check([FINE]);
    await expect(refused).rejects.toThrow(
      'X compliance, creating the job: X answered 401 (Unauthorized); check X_BEARER_TOKEN or its secret',
    );
  });
});
