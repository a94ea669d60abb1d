/**
 * Which messages of the alert topic reach email. `failures` (the default): runs that failed, the daily digest (sent
 * only when `digestSchedule` is set), and everything with no `status` attribute (CloudWatch alarms, the failed-task
 * rule), which a plain `{"status":["failed"]}` would drop. `all`: every run's report too, 24 a day with the hourly
 * schedule. Undefined means no filter.
 */
export function emailFilterPolicy(notifyOn: 'failures' | 'all') {
  return notifyOn === 'all' ? undefined : { status: ['failed', 'digest', { exists: false }] };
}
