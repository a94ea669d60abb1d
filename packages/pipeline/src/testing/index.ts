// Test support shared by this package's tests and the end-to-end tests in test/: local fakes of the APIs and
// fresh databases. Not part of the job.

export { type Emulator, startDynamoDb, startS3 } from './aws-emulators.ts';
export { awsEmulatorEnvironment } from './aws-environment.ts';
export {
  type SnsMessage,
  startFakeComprehend,
  startFakeSecretsManager,
  startFakeSns,
  THROTTLED,
} from './fake-aws-services.ts';
export { startFakeXServer, X_ERRORS } from './fake-x-server.ts';
export { type FakeXUsage, xUsageAnswer } from './fake-x-usage.ts';
export { startFakeYahooServer } from './fake-yahoo-server.ts';
export { type FreshDatabase, freshDatabase } from './fresh-database.ts';
export { type FakeAnswer, type FakeServer, startFakeServer } from './http-fake.ts';
