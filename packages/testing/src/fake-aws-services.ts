import { type FakeAnswer, type FakeServer, startFakeServer } from './http-fake.ts';

/** Comprehend's answer for one text: its label and four scores (the job's `Sentiment`, as Comprehend sends it). */
interface Sentiment {
  label: 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';
  scores: { Positive: number; Negative: number; Neutral: number; Mixed: number };
}

// AWS's JSON 1.1 protocol: POST / with `X-Amz-Target: <Service>.<Operation>`; errors carry `__type`.
const json = (status: number, body: unknown, type?: string): FakeAnswer => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/x-amz-json-1.1', ...(type ? { 'x-amzn-errortype': type } : {}) },
});

export const THROTTLED = json(
  400,
  { __type: 'ThrottlingException', message: 'Rate exceeded' },
  'ThrottlingException',
);

const NEUTRAL: Sentiment = {
  label: 'NEUTRAL',
  scores: { Positive: 0.05, Negative: 0.05, Neutral: 0.88, Mixed: 0.02 },
};

/**
 * Comprehend's BatchDetectSentiment over its JSON protocol. It answers with the shape of the recorded
 * `batch-detect-sentiment` output (aws/aws-cli examples): ResultList entries with Index, Sentiment and
 * SentimentScore, and an ErrorList. Each text gets `scoreText`'s answer: pass the job's local model for plausible,
 * deterministic labels (test support does not import the job); without it every text is neutral.
 */
export function startFakeComprehend(
  scoreText: (text: string) => Sentiment = () => NEUTRAL,
): Promise<FakeServer> {
  return startFakeServer((_url, request, body) => {
    if (request.headers['x-amz-target'] !== 'Comprehend_20171127.BatchDetectSentiment') {
      return json(400, { __type: 'UnknownOperationException' }, 'UnknownOperationException');
    }
    const { TextList, LanguageCode } = JSON.parse(body) as { TextList: string[]; LanguageCode: string };
    if (TextList.length > 25) {
      return json(
        400,
        { __type: 'BatchSizeLimitExceededException', Message: 'Batch size exceeded' },
        'BatchSizeLimitExceededException',
      );
    }
    return json(200, {
      ResultList: TextList.map((text, Index) => {
        const { label, scores } = scoreText(text);
        return { Index, Sentiment: label, SentimentScore: scores, LanguageCode };
      }),
      ErrorList: [],
    });
  });
}

/** Secrets Manager's GetSecretValue over its JSON protocol, serving the given secrets by ARN. */
export function startFakeSecretsManager(secrets: Record<string, string>): Promise<FakeServer> {
  return startFakeServer((_url, request, body) => {
    const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
    if (
      request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue' ||
      !SecretId ||
      !(SecretId in secrets)
    ) {
      return json(
        400,
        { __type: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." },
        'ResourceNotFoundException',
      );
    }
    return json(200, {
      ARN: SecretId,
      Name: SecretId.split(':').at(-1),
      SecretString: secrets[SecretId],
      VersionId: 'v1',
    });
  });
}

/** A message SNS received: the Publish form fields. */
export type SnsMessage = Record<string, string>;

/** SNS's Publish over its query protocol (form-encoded POST, XML answer); `messages` holds what was published. */
export async function startFakeSns(): Promise<FakeServer & { messages: () => SnsMessage[] }> {
  const server = await startFakeServer((_url, _request, body) => {
    const form = Object.fromEntries(new URLSearchParams(body));
    if (form.Action !== 'Publish')
      return { status: 400, body: '<ErrorResponse/>', headers: { 'content-type': 'text/xml' } };
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${crypto.randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${crypto.randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    };
  });
  const messages = () =>
    server.requests
      .map((r) => Object.fromEntries(new URLSearchParams(r.body)))
      .filter((form) => form.Action === 'Publish');
  return Object.assign(server, { messages });
}
