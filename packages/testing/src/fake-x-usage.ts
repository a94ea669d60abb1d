import type { FakeAnswer } from './http-fake.ts';

/** What the fake X project has read this billing month. */
export interface FakeXUsage {
  projectUsage: number;
  projectCap?: number;
  capResetDay?: number;
}

/**
 * GET /2/usage/tweets as X answers it: counts as strings, in the shape of the response X's documentation records
 * (packages/pipeline/test/fixtures/x-usage-tweets.json).
 */
export function xUsageAnswer(usage: FakeXUsage): FakeAnswer {
  const data = {
    cap_reset_day: usage.capResetDay ?? 1,
    project_cap: String(usage.projectCap ?? 2_000_000),
    project_id: '1369785403853424',
    project_usage: String(usage.projectUsage),
  };
  return { status: 200, body: JSON.stringify({ data }), headers: {} };
}
