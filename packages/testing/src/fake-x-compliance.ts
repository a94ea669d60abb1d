import type { IncomingMessage } from 'node:http';
import type { FakeAnswer } from './http-fake.ts';

/** What the fake's compliance endpoints answer. */
export interface FakeXComplianceOptions {
  /** X's reason for a post that must go (`deleted`, `protected`, `suspended`, `scrub_geo` …); none: it is fine. */
  verdict: (postId: string) => string | undefined;
  /** How many status checks answer `in_progress` before `complete` (default 1: a client must poll). */
  pollsBeforeComplete?: number;
  /** The job ends `failed` instead. */
  fails?: boolean;
}

/** A job as the fake saw it: the ids uploaded, and how often its status was read. */
export interface FakeXComplianceJob {
  id: string;
  name: string | undefined;
  ids: string[] | null;
  polls: number;
}

const SNOWFLAKE_EPOCH = 1_288_834_974_657n;
// The signed URLs point at X's storage, not the API: paths of their own, reached without the bearer token.
const STORAGE = '/x-compliance-storage';

/**
 * X API v2 batch compliance, as X documents it: POST /2/compliance/jobs makes a `tweets` job with a signed upload
 * URL and download URL; PUT of the ids (one a line) to the upload URL; GET /2/compliance/jobs/:id says `created`,
 * `in_progress`, then `complete`; the download URL answers JSON lines, one per post that must change
 * (`{"id","action":"delete","created_at","redacted_at","reason"}`), nothing for the others. Like X's storage, the
 * signed URLs refuse a request that carries an Authorization header.
 */
export function fakeXCompliance(options: FakeXComplianceOptions, baseUrl: () => string) {
  const jobs: FakeXComplianceJob[] = [];
  const find = (id: string | undefined) => jobs.find((job) => job.id === id);
  const statusOf = (job: FakeXComplianceJob) => {
    if (job.ids === null) return 'created';
    if (job.polls <= (options.pollsBeforeComplete ?? 1)) return 'in_progress';
    return options.fails ? 'failed' : 'complete';
  };
  const describe = (job: FakeXComplianceJob) => ({
    data: {
      id: job.id,
      type: 'tweets',
      ...(job.name ? { name: job.name } : {}),
      resumable: false,
      status: statusOf(job),
      upload_url: `${baseUrl()}${STORAGE}/upload/${job.id}?X-Goog-Signature=fake`,
      upload_expires_at: '2030-01-01T00:15:00.000Z',
      download_url: `${baseUrl()}${STORAGE}/download/${job.id}?X-Goog-Signature=fake`,
      download_expires_at: '2030-01-08T00:00:00.000Z',
      created_at: '2030-01-01T00:00:00.000Z',
    },
  });
  return {
    jobs,
    /** The signed storage URLs: answered before the API's bearer check. */
    storage(url: URL, request: IncomingMessage, body: string): FakeAnswer | null {
      if (!url.pathname.startsWith(`${STORAGE}/`)) return null;
      if (request.headers.authorization)
        return text(400, 'Cannot authorize with both a signed URL and an Authorization header');
      const [, kind, id] = url.pathname.slice(1).split('/');
      const job = find(id);
      if (!job) return text(404, 'NoSuchKey');
      if (kind === 'upload' && request.method === 'PUT') {
        job.ids = body.split('\n').filter((line) => line.trim() !== '');
        return text(200, '');
      }
      if (kind === 'download' && request.method === 'GET') {
        if (statusOf(job) !== 'complete') return text(404, 'NoSuchKey');
        return text(200, resultsOf(job.ids ?? [], options.verdict));
      }
      return text(405, 'MethodNotAllowed');
    },
    /** The API's endpoints, behind the bearer check. */
    api(url: URL, request: IncomingMessage, body: string): FakeAnswer | null {
      if (url.pathname === '/2/compliance/jobs' && request.method === 'POST') {
        const { type, name } = JSON.parse(body || '{}') as { type?: string; name?: string };
        if (type !== 'tweets' && type !== 'users')
          return json(400, { title: 'Invalid Request', detail: 'type must be tweets or users' });
        const job = {
          id: String(1_400_000_000_000_000_000n + BigInt(jobs.length)),
          name,
          ids: null,
          polls: 0,
        };
        jobs.push(job);
        return json(200, describe(job));
      }
      const match = /^\/2\/compliance\/jobs\/(\d+)$/.exec(url.pathname);
      if (match && request.method === 'GET') {
        const job = find(match[1]);
        if (!job) return json(404, { title: 'Not Found Error', detail: `no job ${match[1]}` });
        if (job.ids !== null) job.polls += 1;
        return json(200, describe(job));
      }
      return null;
    },
  };
}

/** A line per post with a verdict, as X's results are: its creation time read from its snowflake id. */
function resultsOf(ids: readonly string[], verdict: (postId: string) => string | undefined): string {
  return ids
    .flatMap((id) => {
      const reason = verdict(id);
      if (!reason) return [];
      const created = new Date(Number((BigInt(id) >> 22n) + SNOWFLAKE_EPOCH)).toISOString();
      return [JSON.stringify({ id, action: 'delete', created_at: created, redacted_at: created, reason })];
    })
    .map((line) => `${line}\n`)
    .join('');
}

const json = (status: number, body: unknown): FakeAnswer => ({ status, body: JSON.stringify(body) });
const text = (status: number, body: string): FakeAnswer => ({
  status,
  body,
  headers: { 'content-type': 'application/octet-stream' },
});
