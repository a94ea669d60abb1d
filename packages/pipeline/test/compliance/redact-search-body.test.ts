import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { redactSearchBody } from '../../src/compliance/redact-search-body.ts';
import { fingerprint, withRedactions } from '../../src/compliance/redaction-record.ts';
import { XSearchResponseSchema } from '../../src/schemas/x-search.ts';

// A real recorded full-archive search (provenance in fixtures/SOURCE.md): 15 posts with their authors, places and
// referenced posts expanded, replies among them.
const RECORDED = readFileSync(
  new URL('../fixtures/x-search-all-public-metrics-includes-users-2021-07-04.json', import.meta.url),
);
const text = (body: Uint8Array) => new TextDecoder().decode(body);
const json = (body: Uint8Array) => JSON.parse(text(body));
const redact = (...ids: string[]) => {
  const result = redactSearchBody(new Uint8Array(RECORDED), new Set(ids));
  if (!result) throw new Error('expected a rewrite');
  return result;
};

describe('redacting an X search body', () => {
  it('takes out the post, and its author when no other post is theirs; recounts meta', () => {
    const gone = '1403438596695134209'; // the newest post; its author (14451880) wrote no other
    const { body, removed } = redact(gone);
    expect(removed).toEqual([{ postId: gone, authorRemoved: true }]);
    expect(text(body)).not.toContain(gone);
    expect(text(body)).not.toContain('wer ist hanna');
    const after = json(body);
    expect(after.data).toHaveLength(14);
    expect(after.includes.users.map((u: { id: string }) => u.id)).not.toContain('14451880');
    expect(after.includes.users).toHaveLength(12);
    // Every post of this search is in Berlin: the place stays for the others.
    expect(after.includes.places.map((p: { id: string }) => p.id)).toEqual(['3078869807f9dd36']);
    expect(after.meta).toEqual({
      newest_id: '1403292134736814082',
      oldest_id: '1402939532849319939',
      result_count: 14,
    });
    // Still what the job reads, the other posts untouched.
    expect(XSearchResponseSchema.safeParse(after).success).toBe(true);
    expect(after.data[0]).toEqual(JSON.parse(RECORDED.toString()).data[1]);
    expect(Object.keys(after)).toEqual(['data', 'includes', 'meta']);
  });

  it('keeps an author who wrote another post that stays, and a reply’s own reference to the removed post', () => {
    const gone = '1403079602222862336'; // answered by 1403082158487609349, by the same author
    const { body, removed } = redact(gone);
    expect(removed).toEqual([{ postId: gone, authorRemoved: false }]);
    const after = json(body);
    expect(after.data.map((p: { id: string }) => p.id)).not.toContain(gone);
    expect(after.includes.tweets.map((p: { id: string }) => p.id)).not.toContain(gone);
    expect(after.includes.users.map((u: { id: string }) => u.id)).toContain('771444093809467397');
    const reply = after.data.find((p: { id: string }) => p.id === '1403082158487609349');
    expect(reply.conversation_id).toBe(gone);
  });

  it('answers as X does for an empty search when every post goes, with nothing left that only they needed', () => {
    const posts = JSON.parse(RECORDED.toString()).data as { id: string; author_id: string }[];
    const after = json(redact(...posts.map((p) => p.id)).body);
    expect(after.data).toBeUndefined();
    expect(after.includes.places).toBeUndefined();
    expect(after.includes.tweets).toBeUndefined();
    // Left: the users the posts only mentioned or answered (the search expanded those too).
    const authors = new Set(posts.map((p) => p.author_id));
    expect(after.includes.users.filter((u: { id: string }) => authors.has(u.id))).toEqual([]);
    expect(after.meta).toEqual({ result_count: 0 });
    expect(XSearchResponseSchema.parse(after).meta.result_count).toBe(0);
  });

  it('refuses a body that is not JSON, quoting none of it', () => {
    const broken = new TextEncoder().encode('{"data":[{"id":"1403438596695134209","text":"wer ist hanna');
    expect(() => redactSearchBody(broken, new Set(['1403438596695134209']))).toThrow(
      'the staged posts body is not a JSON object: it cannot be redacted, so it is left for a person',
    );
  });

  it('leaves a body that holds none of the posts alone', () => {
    expect(redactSearchBody(new Uint8Array(RECORDED), new Set(['1']))).toBeNull();
    expect(
      redactSearchBody(new TextEncoder().encode('{"meta":{"result_count":0}}'), new Set(['1'])),
    ).toBeNull();
  });
});

describe('the redaction record beside a body', () => {
  const at = new Date('2026-12-01T03:30:00Z');
  const reasons = new Map([
    ['1403438596695134209', 'deleted'],
    ['1403079602222862336', 'protected'],
  ]);
  const removed = [
    { postId: '1403438596695134209', authorRemoved: true },
    { postId: '1403079602222862336', authorRemoved: false },
  ];

  it('says what left the body, why and when, with neither id nor text', () => {
    const record = withRedactions(null, removed, reasons, at) as Uint8Array;
    expect(text(record)).not.toContain('1403438596695134209');
    expect(text(record)).not.toContain('1403079602222862336');
    expect(json(record).redactions).toEqual([
      {
        fingerprint: fingerprint('1403438596695134209'),
        reason: 'deleted',
        removedAt: '2026-12-01T03:30:00.000Z',
        removed: ['data[]', 'includes.users[]'],
      },
      {
        fingerprint: fingerprint('1403079602222862336'),
        reason: 'protected',
        removedAt: '2026-12-01T03:30:00.000Z',
        removed: ['data[]'],
      },
    ]);
    expect(fingerprint('1403438596695134209')).toMatch(/^[0-9a-f]{8}$/);
  });

  it('records a post once: a rerun adds only what is new', () => {
    const first = withRedactions(null, removed.slice(0, 1), reasons, at);
    expect(withRedactions(first, removed.slice(0, 1), reasons, new Date())).toBeNull();
    const both = withRedactions(first, removed, reasons, new Date('2026-12-02T03:30:00Z')) as Uint8Array;
    expect(json(both).redactions.map((r: { reason: string }) => r.reason)).toEqual(['deleted', 'protected']);
  });
});
