/**
 * Where the job's image keeps its files (packages/pipeline/Dockerfile; a test checks the two agree). The job finds
 * its own files beside its bundle; infra points the task's variables at these.
 */
export const CONTAINER_PATHS = {
  /** The job's folder: dist/ (the bundle), migrations/, models/, warehouse/, certs/. */
  app: '/app',
  /** The RDS CA bundle, for DATABASE_CA_FILE. */
  rdsCaBundle: '/app/certs/rds-global-bundle.pem',
  migrations: '/app/migrations',
  model: '/app/models/sentiment-en.json',
} as const;
