import { PublishCommand, type PublishCommandOutput } from '@aws-sdk/client-sns';
import type { Notice, Notifier } from '../ports.ts';

export interface PublishClient {
  send(command: PublishCommand): Promise<PublishCommandOutput>;
}

/** One SNS message per run, with a `status` attribute so subscribers can filter on failures. */
export class SnsNotifier implements Notifier {
  readonly #client: PublishClient;
  readonly #topicArn: string;

  constructor(client: PublishClient, topicArn: string) {
    this.#client = client;
    this.#topicArn = topicArn;
  }

  async notify(notice: Notice): Promise<void> {
    await this.#client.send(
      new PublishCommand({
        TopicArn: this.#topicArn,
        Subject: notice.subject,
        Message: notice.message,
        MessageAttributes: { status: { DataType: 'String', StringValue: notice.status } },
      }),
    );
  }
}
