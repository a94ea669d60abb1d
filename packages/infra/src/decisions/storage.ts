/**
 * The raw bucket's lifecycle, as data: bodies expire `rawRetentionDays` after they were written (a rewrite by
 * compliance starts the count again, as it does for the post documents beside them); an older version (a rerun's
 * leftover, or, once a body expires, its last copy) goes `rawNoncurrentDays` after it was replaced; the delete
 * markers expiry leaves behind are cleared; unfinished uploads go after a week.
 */
export function rawLifecycleRules(r: { rawRetentionDays: number; rawNoncurrentDays: number }) {
  return [
    {
      id: 'expire-raw-responses',
      status: 'Enabled',
      filter: {},
      expiration: { days: r.rawRetentionDays },
    },
    {
      id: 'expire-replaced-raw-responses',
      status: 'Enabled',
      filter: {},
      noncurrentVersionExpiration: { noncurrentDays: r.rawNoncurrentDays },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    },
    {
      // S3 takes no days beside this flag: a rule of its own.
      id: 'remove-expired-delete-markers',
      status: 'Enabled',
      filter: {},
      expiration: { expiredObjectDeleteMarker: true },
    },
  ];
}
