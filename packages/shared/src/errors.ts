/** A bad environment variable or flag: the CLI maps it to exit code 2, before any I/O. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    // One problem, one line; several, a list.
    super(
      problems.length === 1
        ? `bad configuration: ${problems[0]}`
        : `bad configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.problems = problems;
  }
}
