import { z } from 'zod';

/** Yahoo leaves holes in its bars: any OHLCV entry may be null. */
const series = z.array(z.number().nullable());

/** The part of Yahoo Finance's v8 chart response that stockpipe reads: `chart.result[0]`. */
const YahooChartResultSchema = z.object({
  meta: z.object({
    symbol: z.string(),
    currency: z.string().nullable().optional(),
    exchangeTimezoneName: z.string().optional(),
    dataGranularity: z.string().optional(),
  }),
  // Absent when the window holds no bars (market closed).
  timestamp: z.array(z.number().int()).optional(),
  indicators: z.object({
    quote: z
      .array(
        z.object({
          open: series.optional(),
          high: series.optional(),
          low: series.optional(),
          close: series.optional(),
          volume: series.optional(),
        }),
      )
      .min(1),
  }),
});
export type YahooChartResult = z.infer<typeof YahooChartResultSchema>;

export const YahooChartResponseSchema = z.object({
  chart: z.object({
    result: z.array(YahooChartResultSchema).min(1).nullable(),
    error: z.object({ code: z.string(), description: z.string() }).nullable(),
  }),
});
