import { describe, expect, it } from 'vitest';
import { planRemovals } from '../../src/compliance/plan-removals.ts';
import { checkSince, retentionCutoffs } from '../../src/compliance/retention.ts';
import { expiresAt } from '../../src/stores/expires-at.ts';

const hour = (h: number) => new Date(Date.UTC(2026, 10, 27, h));
const stored = [
  { postId: '1', ticker: 'AMZN', hourStart: hour(15) },
  { postId: '2', ticker: 'AMZN', hourStart: hour(15) },
  { postId: '3', ticker: 'AMZN', hourStart: hour(14) },
  // The same post in two tickers' searches, and listed by two stores.
  { postId: '4', ticker: 'AMZN', hourStart: hour(16) },
  { postId: '4', ticker: 'MSFT', hourStart: hour(16) },
  { postId: '4', ticker: 'MSFT', hourStart: hour(16) },
  { postId: '5', ticker: 'MSFT', hourStart: hour(16) },
];

describe('planning removals from X’s compliance results', () => {
  it('removes each post X says must go from every ticker-hour that holds it, oldest hour first', () => {
    const plan = planRemovals(stored, [
      { postId: '2', action: 'delete', reason: 'deleted' },
      { postId: '3', action: 'delete', reason: 'protected' },
      { postId: '4', action: 'delete', reason: 'suspended' },
    ]);
    expect(plan.hours.map((h) => [h.ticker, h.hourStart.getUTCHours(), Object.fromEntries(h.posts)])).toEqual(
      [
        ['AMZN', 14, { 3: 'protected' }],
        ['AMZN', 15, { 2: 'deleted' }],
        ['AMZN', 16, { 4: 'suspended' }],
        ['MSFT', 16, { 4: 'suspended' }],
      ],
    );
    // Each post counted once, however many places hold it.
    expect(Object.fromEntries(plan.byReason)).toEqual({ deleted: 1, protected: 1, suspended: 1 });
  });

  it('leaves a post whose geo was scrubbed (none is kept), and ignores verdicts on posts not stored', () => {
    const plan = planRemovals(stored, [
      { postId: '5', action: 'delete', reason: 'scrub_geo' },
      { postId: '99', action: 'delete', reason: 'deleted' },
    ]);
    expect(plan.hours).toEqual([]);
    expect(Object.fromEntries(plan.nothingStored)).toEqual({ scrub_geo: 1 });
    expect(plan.byReason.size).toBe(0);
  });

  it('removes a post X names twice if either line says it must go, in whichever order', () => {
    for (const lines of [
      [
        { postId: '1', action: 'delete', reason: 'deleted' },
        { postId: '1', action: 'delete', reason: 'scrub_geo' },
      ],
      [
        { postId: '1', action: 'delete', reason: 'scrub_geo' },
        { postId: '1', action: 'delete', reason: 'deleted' },
      ],
    ] as const) {
      const plan = planRemovals(stored, lines);
      expect(plan.hours.map((h) => Object.fromEntries(h.posts))).toEqual([{ 1: 'deleted' }]);
    }
  });

  it('plans nothing when X names no stored post', () => {
    expect(planRemovals(stored, []).hours).toEqual([]);
    expect(planRemovals([], [{ postId: '1', action: 'delete', reason: 'deleted' }]).hours).toEqual([]);
  });
});

describe('retention decisions', () => {
  const now = new Date('2026-12-01T03:30:00Z');

  it('ends each retention its number of days before now', () => {
    expect(retentionCutoffs(now, { rawDays: 90, postsDays: 97 })).toEqual({
      raw: new Date('2026-09-02T03:30:00Z'),
      posts: new Date('2026-08-26T03:30:00Z'),
    });
  });

  it('expires a post document its days after it was written, in epoch seconds for DynamoDB’s TTL', () => {
    expect(expiresAt(now, 90)).toBe(Date.parse('2027-03-01T03:30:00Z') / 1000);
  });

  it('checks every stored hour unless told a number of days, then from the whole hour that many days back', () => {
    expect(checkSince(now, undefined)).toBeNull();
    expect(checkSince(now, 2)).toEqual(new Date('2026-11-29T03:00:00Z'));
  });
});
