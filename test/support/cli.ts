import { AsyncLocalStorage } from 'node:async_hooks';
import { type ChildProcess, type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The entry a user runs (it checks Node's version, then loads src/cli.ts).
const CLI = fileURLToPath(new URL('../../packages/pipeline/bin/stockpipe.js', import.meta.url));

/**
 * The processes one test started. A test that times out is not stopped: vitest moves on while its code still runs,
 * and its CLIs (and the ones it would start next) would hit the next test's fakes and shift its counts. So each test
 * runs in its own scope (setup.ts): when the test ends its CLIs still running are killed, and its code, if still
 * running, can start no other.
 */
class TestScope {
  readonly children = new Set<ChildProcess>();
  ended: string | undefined;

  adopt(child: ChildProcess) {
    this.children.add(child);
    child.once('close', () => this.children.delete(child));
  }

  /** Kills what is still running, and waits until it has gone. */
  async end(test: string): Promise<void> {
    this.ended = test;
    await Promise.all(
      [...this.children].map(
        (child) =>
          new Promise((resolve) => {
            child.once('close', resolve);
            child.kill('SIGKILL');
          }),
      ),
    );
  }
}

const scopes = new AsyncLocalStorage<TestScope>();

/** Runs a test in a scope of its own, then kills what it left running (see TestScope). */
export async function inTestScope(test: string, run: () => Promise<void>): Promise<void> {
  const scope = new TestScope();
  try {
    await scopes.run(scope, run);
  } finally {
    await scope.end(test);
  }
}

/** The current test's scope, to adopt a process it starts: it refuses if that test has ended. */
function currentScope(what: readonly string[]): TestScope | undefined {
  const scope = scopes.getStore();
  if (scope?.ended)
    throw new Error(`not starting \`${what.join(' ')}\`: its test (${scope.ended}) has ended, timed out`);
  return scope;
}

export interface CliResult {
  code: number;
  /** The signal that ended it, if one did (then `code` is 1), so a failed expectation shows it. */
  signal?: NodeJS.Signals;
  stdout: string;
  stderr: string;
}

/** Runs `stockpipe ARGS` as a user would, in a clean environment plus `env`. */
export function stockpipe(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  const scope = currentScope(args);
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    scope?.adopt(child);
  });
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `stockpipe-${prefix}-`));
}

/** The JSON log lines of a run. */
export function logEvents(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  /** Everything it wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when it prints a line matching `pattern` (rejects if it exits first). */
  printed(pattern: RegExp): Promise<void>;
  exited: Promise<CliResult>;
}

/** Starts `stockpipe ARGS` and returns at once, for tests of processes side by side. */
export function startStockpipe(
  args: readonly string[],
  env: Record<string, string | undefined>,
  command: readonly string[] = [process.execPath, CLI],
): RunningCli {
  const scope = currentScope(args);
  const [file = process.execPath, ...prefix] = command;
  const child = spawn(file, [...prefix, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  scope?.adopt(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const exited = new Promise<CliResult>((resolve) =>
    child.once('close', (code, signal) =>
      resolve(signal ? { code: 1, signal, stdout, stderr } : { code: code ?? 1, stdout, stderr }),
    ),
  );
  const printed = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(stdout) && !pattern.test(stderr)) return;
        child.stdout.off('data', check);
        child.stderr.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      exited.then(() => reject(new Error(`exited before printing ${pattern}:\n${stdout}\n${stderr}`)));
      check();
    });
  return { child, stdout: () => stdout, stderr: () => stderr, printed, exited };
}
