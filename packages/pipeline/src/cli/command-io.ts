import { createInterface } from 'node:readline/promises';

/** Where a command writes and asks. */
export interface CommandIo {
  out: (text: string) => void;
  /** A terminal to draw progress and ask on; null when output goes to a file or a log. */
  terminal: NodeJS.WriteStream | null;
  /** Asks a question on the terminal (confirmations); absent off a terminal. */
  ask?: (question: string) => Promise<string>;
}

/** The process's own: stdout for what a command prints, stderr for bars and questions when it is a terminal. */
export function processIo(): CommandIo {
  const interactive = process.stderr.isTTY && process.stdin.isTTY;
  return {
    out: (text) => process.stdout.write(text),
    terminal: process.stderr.isTTY ? process.stderr : null,
    ...(interactive ? { ask: askOnTerminal } : {}),
  };
}

async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
