import { describe, expect, it } from 'vitest';
import { sessionReturns } from '../../src/analysis/session-returns.ts';

describe('sessionReturns', () => {
  it("gives close-to-close log returns inside the session, the first hour's from its own open, the gap apart", () => {
    const { returns, gap } = sessionReturns(
      [
        { open: 101, close: 102 },
        { open: 102, close: 103 },
        { open: 103, close: 101 },
      ],
      100,
    );
    expect(returns).toEqual([Math.log(102 / 101), Math.log(103 / 102), Math.log(101 / 103)]);
    expect(gap).toBe(Math.log(101 / 100));
  });

  it('leaves unknown the return after a missing hour instead of reaching to an older close', () => {
    const { returns } = sessionReturns(
      [{ open: 1, close: 2 }, null, { open: 3, close: 4 }, { open: 4, close: 5 }],
      1,
    );
    expect(returns).toEqual([Math.log(2), null, null, Math.log(5 / 4)]);
  });

  it('has no gap without the previous close or the first hour', () => {
    expect(sessionReturns([{ open: 1, close: 2 }], null).gap).toBeNull();
    expect(sessionReturns([null, { open: 1, close: 2 }], 1).gap).toBeNull();
  });
});
