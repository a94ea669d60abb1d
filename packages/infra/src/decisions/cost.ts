import type { Settings } from './settings.ts';

/** us-east-1 on-demand prices, per month of 730 hours (checked November 2026; prices drift, the arithmetic stays). */
const PRICES = {
  rdsHour: { 'db.t4g.micro': 0.016, 'db.t4g.small': 0.032, 'db.t4g.medium': 0.065 } as Record<string, number>,
  rdsGp3GbMonth: 0.115,
  fargateVcpuHour: 0.04048,
  fargateGbHour: 0.004445,
  publicIpv4Hour: 0.005,
  secretMonth: 0.4,
  comprehendUnit: 0.0001, // per 100-character unit, 3-unit minimum per document
  logsIngestGb: 0.5,
  ecrGbMonth: 0.1,
};

// The pushed image, compressed: Node 24 distroless (~53 MB) and the job (~7 MB).
const IMAGE_GB = 0.06;

export interface CostLine {
  item: string;
  arithmetic: string;
  monthlyUsd: number;
}

/**
 * A month of the stack: the database is most of it. Assumes each hourly run takes about 2 minutes and scores 10
 * posts per ticker; S3, DynamoDB, SNS, SQS, EventBridge and ECR stay within pennies at this volume.
 */
export function costEstimate(settings: Settings, runMinutes = 2): { lines: CostLine[]; totalUsd: number } {
  const hours = 730;
  const rdsRate = PRICES.rdsHour[settings.databaseInstanceClass] ?? Number.NaN;
  const vcpu = settings.taskCpu / 1024;
  const gb = settings.taskMemory / 1024;
  const taskHours = (hours * runMinutes) / 60;
  const posts = settings.watchlist.length * 10 * hours;
  const lines: CostLine[] = [
    {
      item: `RDS ${settings.databaseInstanceClass}`,
      arithmetic: `${hours} h × $${rdsRate}`,
      monthlyUsd: hours * rdsRate,
    },
    {
      item: `RDS storage ${settings.databaseStorageGb} GB gp3`,
      arithmetic: `${settings.databaseStorageGb} × $${PRICES.rdsGp3GbMonth}`,
      monthlyUsd: settings.databaseStorageGb * PRICES.rdsGp3GbMonth,
    },
    {
      item: `Fargate ${vcpu} vCPU / ${gb} GB`,
      arithmetic: `${taskHours.toFixed(1)} task-h × (${vcpu} × $${PRICES.fargateVcpuHour} + ${gb} × $${PRICES.fargateGbHour})`,
      monthlyUsd: taskHours * (vcpu * PRICES.fargateVcpuHour + gb * PRICES.fargateGbHour),
    },
    {
      item: 'Public IPv4 for the task',
      arithmetic: `${taskHours.toFixed(1)} h × $${PRICES.publicIpv4Hour}`,
      monthlyUsd: taskHours * PRICES.publicIpv4Hour,
    },
    {
      item: 'Secrets Manager (X token; the RDS-managed secret)',
      arithmetic: `2 × $${PRICES.secretMonth}`,
      monthlyUsd: 2 * PRICES.secretMonth,
    },
    settings.sentiment === 'comprehend'
      ? {
          item: 'Comprehend sentiment',
          arithmetic: `${posts} posts × 3 units × $${PRICES.comprehendUnit}`,
          monthlyUsd: posts * 3 * PRICES.comprehendUnit,
        }
      : { item: 'Sentiment: the bundled local model', arithmetic: 'runs inside the task', monthlyUsd: 0 },
    {
      item: 'CloudWatch Logs',
      arithmetic: `~0.1 GB × $${PRICES.logsIngestGb}`,
      monthlyUsd: 0.1 * PRICES.logsIngestGb,
    },
    {
      item: `ECR, ${settings.imagesToKeep} images kept`,
      arithmetic: `${settings.imagesToKeep} × ${IMAGE_GB} GB × $${PRICES.ecrGbMonth}`,
      monthlyUsd: settings.imagesToKeep * IMAGE_GB * PRICES.ecrGbMonth,
    },
  ];
  const totalUsd = lines.reduce((sum, line) => sum + line.monthlyUsd, 0);
  return { lines, totalUsd };
}
