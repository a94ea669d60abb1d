import { describe, expect, it } from 'vitest';
import { removeHourOfDayMeans } from '../../src/analysis/deseasonalise.ts';
import { expectAllNear, reference } from './reference.ts';

describe('removeHourOfDayMeans', () => {
  it('takes each New York hour of day its own mean over known values, as pandas groupby does', () => {
    const { series, deseasonalised } = reference;
    const sentiment = removeHourOfDayMeans(series.sentiment, series.hourOfDay);
    const returns = removeHourOfDayMeans(series.returns, series.hourOfDay);
    expectAllNear(sentiment, deseasonalised.sentiment);
    expectAllNear(returns, deseasonalised.returns);
  });

  it('keeps unknown values unknown and never lets them count as zero', () => {
    expect(removeHourOfDayMeans([1, null, 3, 10], [9, 9, 9, 10])).toEqual([-1, null, 1, 0]);
  });
});
