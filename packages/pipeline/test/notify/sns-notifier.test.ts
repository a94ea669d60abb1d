import { SNSClient } from '@aws-sdk/client-sns';
import { type SnsMessage, startFakeSns } from '@stockpipe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeNotice } from '../../src/notify/run-notice.ts';
import { SnsNotifier } from '../../src/notify/sns-notifier.ts';
import type { RunReport } from '../../src/run-report.ts';
import { useAwsEnvironment } from '../support/aws-env.ts';

let sns: Awaited<ReturnType<typeof startFakeSns>>;
beforeAll(async () => {
  sns = await startFakeSns();
  useAwsEnvironment({ SNS: sns.url });
});
afterAll(() => sns.close());

const topic = 'arn:aws:sns:us-east-1:123456789012:stockpipe-runs';
const hourStart = new Date('2026-11-27T15:00Z');
const report: RunReport = {
  runId: '2026-11-27T15-abcd1234',
  hourStart,
  status: 'failed',
  durationMs: 1234,
  logLocation: 'CloudWatch Logs /stockpipe/job, stream job/pipeline/0123',
  notified: false,
  healed: [],
  tickers: [
    { ticker: 'AMZN', hourStart, status: 'failed', stage: 'extract', reason: 'AMZN: X rate limit reached' },
    { ticker: 'ÅÄÖ', hourStart, status: 'failed', stage: 'transform', reason: 'not a ticker' },
  ],
};

describe('SnsNotifier against a local SNS', () => {
  it('publishes one message per run with a status attribute for filtering', async () => {
    await new SnsNotifier(new SNSClient({}), topic).notify(composeNotice(report));
    const [message] = sns.messages() as [SnsMessage];
    expect(message).toMatchObject({
      Action: 'Publish',
      TopicArn: topic,
      Subject: 'stockpipe failed: 2026-11-27T15:00Z, 0/2 tickers loaded',
      'MessageAttributes.entry.1.Name': 'status',
      'MessageAttributes.entry.1.Value.DataType': 'String',
      'MessageAttributes.entry.1.Value.StringValue': 'failed',
    });
    expect(message.Message).toMatch(/AMZN\s+FAILED at extract: AMZN: X rate limit reached/);
    expect(message.Message).toMatch(/duration: 1.23 s/);
    expect(message.Message).toMatch(/logs: CloudWatch Logs \/stockpipe\/job, stream job\/pipeline\/0123/);
  });

  it('keeps the subject within SNS limits: 100 printable ASCII characters', () => {
    const failed = report.tickers[0] as RunReport['tickers'][number];
    const many = {
      ...report,
      tickers: Array.from({ length: 2000 }, (_, i) => ({ ...failed, ticker: `T${i}` })),
    };
    const { subject } = composeNotice({ ...many, runId: 'é'.repeat(200) });
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^[\x20-\x7E]+$/);
  });

  it('fails when SNS is down, so the run can log it', async () => {
    const notifier = new SnsNotifier(
      new SNSClient({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1 }),
      topic,
    );
    await expect(notifier.notify(composeNotice(report))).rejects.toThrow(/ECONNREFUSED/);
  });
});
