import { z } from 'zod';

/**
 * The parts of X API v2 batch compliance (POST /2/compliance/jobs, GET /2/compliance/jobs/:id) that stockpipe
 * reads: the job's id, status and signed upload and download URLs.
 */
export const XComplianceJobSchema = z.object({
  data: z.object({
    id: z.string(),
    status: z.enum(['created', 'in_progress', 'complete', 'failed', 'expired']),
    upload_url: z.url(),
    download_url: z.url(),
    error: z.string().optional(),
  }),
});
export type XComplianceJob = z.infer<typeof XComplianceJobSchema>['data'];

/** One line of a job's results (JSON lines): a post that must change, the action and X's reason. */
export const XComplianceResultSchema = z.object({
  id: z.string().regex(/^\d+$/),
  action: z.string(),
  reason: z.string(),
});
