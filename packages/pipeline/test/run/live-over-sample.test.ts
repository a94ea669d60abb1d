import { ConfigError } from '@stockpipe/shared';
import { describe, expect, it } from 'vitest';
import { liveOverSampleRefusal } from '../../src/run/live-over-sample.ts';

describe('live data over sample rows', () => {
  it('is refused, saying how to go on, only when live data meets sample rows', () => {
    const refusal = liveOverSampleRefusal('live', 2, 'backfill');
    expect(refusal).toBeInstanceOf(ConfigError);
    expect(refusal?.message).toMatch(
      /sample \(made-up\) rows for 2 ticker-hours of this backfill; add --force/,
    );
    expect(liveOverSampleRefusal('live', 0, 'run')).toBeUndefined();
    expect(liveOverSampleRefusal('sample', 3, 'run')).toBeUndefined();
  });
});
