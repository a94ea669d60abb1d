import {
  COMPLIANCE_METRICS,
  type ComplianceMetricField,
  METRIC_NAMESPACE,
  RUN_METRICS,
  RUN_STATUS_METRICS,
  type RunMetricField,
} from '@stockpipe/shared';
import { Counter, Gauge, Registry } from 'prom-client';

// Counts add up over runs (counters); durations, memory and X's month are the latest reading (gauges).
const SUMMED: ReadonlySet<RunMetricField> = new Set([
  'loaded',
  'failed',
  'rowsLoaded',
  'healed',
  'postsRead',
  'postsScored',
]);

/**
 * The job's metrics in Prometheus' text format, named as the stack's CloudWatch metrics are (shared's
 * RUN_METRICS, RUN_STATUS_METRICS, COMPLIANCE_METRICS), prefixed with the namespace: `stockpipe_TickersLoaded`.
 */
export class ServeMetrics {
  readonly registry = new Registry();
  readonly #runs = new Map<string, Counter>();
  readonly #run = new Map<RunMetricField, Counter | Gauge>();
  readonly #compliance = new Map<ComplianceMetricField, Counter>();
  readonly #lastRun: Gauge;

  constructor() {
    for (const [status, name] of Object.entries(RUN_STATUS_METRICS))
      this.#runs.set(status, this.#counter(name, `runs that ${status}`));
    for (const [field, metric] of Object.entries(RUN_METRICS) as [
      RunMetricField,
      (typeof RUN_METRICS)[RunMetricField],
    ][])
      this.#run.set(
        field,
        SUMMED.has(field) ? this.#counter(metric.name, metric.what) : this.#gauge(metric.name, metric.what),
      );
    for (const [field, metric] of Object.entries(COMPLIANCE_METRICS) as [
      ComplianceMetricField,
      (typeof COMPLIANCE_METRICS)[ComplianceMetricField],
    ][])
      this.#compliance.set(field, this.#counter(metric.name, metric.what));
    this.#lastRun = this.#gauge(
      'LastRunTimestamp',
      'when the last scheduled run finished, in seconds since 1970',
    );
  }

  /** A run's `run finished` fields. */
  recordRun(status: 'succeeded' | 'failed', fields: Partial<Record<RunMetricField, number>>, at: Date): void {
    this.#runs.get(status)?.inc();
    for (const [field, value] of Object.entries(fields) as [RunMetricField, number][]) {
      const metric = this.#run.get(field);
      if (metric instanceof Counter) metric.inc(value);
      else metric?.set(value);
    }
    this.#lastRun.set(at.getTime() / 1000);
  }

  /** A compliance check's `compliance finished` fields. */
  recordCompliance(fields: Partial<Record<ComplianceMetricField, number>>): void {
    for (const [field, value] of Object.entries(fields) as [ComplianceMetricField, number][])
      this.#compliance.get(field)?.inc(value);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  #counter(name: string, help: string): Counter {
    return new Counter({ name: `${METRIC_NAMESPACE}_${name}`, help, registers: [this.registry] });
  }

  #gauge(name: string, help: string): Gauge {
    return new Gauge({ name: `${METRIC_NAMESPACE}_${name}`, help, registers: [this.registry] });
  }
}
