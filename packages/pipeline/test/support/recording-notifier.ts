import type { Notice, Notifier } from '../../src/ports.ts';

/** A notifier that keeps what it is sent, or refuses with `failure`. */
export class RecordingNotifier implements Notifier {
  notices: Notice[] = [];
  readonly failure: Error | undefined;
  constructor(failure?: Error) {
    this.failure = failure;
  }
  async notify(notice: Notice) {
    if (this.failure) throw this.failure;
    this.notices.push(notice);
  }
}
