// Test support for the pipeline's tests and benchmarks and the end-to-end tests in test/: local fakes of the APIs,
// the AWS emulators and fresh databases. Never shipped: a devDependency only.

export { type Emulator, startDynamoDb, startS3 } from './aws-emulators.ts';
export { awsEmulatorEnvironment } from './aws-environment.ts';
export {
  type SnsMessage,
  startFakeComprehend,
  startFakeSecretsManager,
  startFakeSns,
  THROTTLED,
} from './fake-aws-services.ts';
export type { FakeXComplianceJob, FakeXComplianceOptions } from './fake-x-compliance.ts';
export { type FakeXServer, startFakeXServer, X_ERRORS } from './fake-x-server.ts';
export { type FakeXUsage, xUsageAnswer } from './fake-x-usage.ts';
export { startFakeYahooServer } from './fake-yahoo-server.ts';
export { type FreshDatabase, freshDatabase } from './fresh-database.ts';
export {
  drip,
  edited,
  escapes,
  html,
  junk,
  oversize,
  rateLimitedFor,
  truncated,
} from './hostile-answers.ts';
export { type AnswerChange, type FakeAnswer, type FakeServer, startFakeServer } from './http-fake.ts';
export { type PostgresGate, startPostgresGate, TEST_CERTS } from './postgres-gate.ts';
export { type PostgresTarget, postgresTarget } from './postgres-target.ts';
