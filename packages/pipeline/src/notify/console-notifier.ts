import type { Notice, Notifier } from '../ports.ts';

/** The embedded notifier: the run's message, as SNS would mail it, written to the terminal (stderr). */
export class ConsoleNotifier implements Notifier {
  readonly #write: (text: string) => void;

  constructor(write: (text: string) => void = (text) => process.stderr.write(text)) {
    this.#write = write;
  }

  async notify(notice: Notice): Promise<void> {
    this.#write(`\n== ${notice.subject} ==\n${notice.message}\n\n`);
  }
}
