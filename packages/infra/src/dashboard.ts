import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { dashboardBody, dashboardName, dashboardUrl } from './decisions/dashboard.ts';
import { savedQueries } from './decisions/queries.ts';

export interface DashboardArgs {
  stack: string;
  logGroupName: pulumi.Input<string>;
  alarmArns: pulumi.Input<string>[];
  xMonthlyBudgetUsd: number;
}

/** The stack's CloudWatch dashboard, and the saved Logs Insights queries an operator starts from. */
export class Dashboard extends pulumi.ComponentResource {
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: DashboardArgs, opts?: pulumi.ComponentResourceOptions) {
    super('stockpipe:dashboard:Dashboard', name, {}, opts);
    const parent = { parent: this };
    const region = aws.getRegionOutput({}, parent).region;
    const dashboard = new aws.cloudwatch.Dashboard(
      name,
      {
        dashboardName: dashboardName(args.stack),
        dashboardBody: pulumi
          .all([region, args.logGroupName, pulumi.all(args.alarmArns)])
          .apply(([regionName, logGroup, alarmArns]) =>
            JSON.stringify(
              dashboardBody({
                region: regionName,
                stack: args.stack,
                logGroup,
                alarmArns,
                xMonthlyBudgetUsd: args.xMonthlyBudgetUsd,
              }),
            ),
          ),
      },
      parent,
    );
    savedQueries(args.stack).forEach((query, i) => {
      new aws.cloudwatch.QueryDefinition(
        `${name}-query-${i}`,
        { name: query.name, queryString: query.queryString, logGroupNames: [args.logGroupName] },
        parent,
      );
    });
    this.url = pulumi
      .all([region, dashboard.dashboardName])
      .apply(([regionName, dashboardName]) => dashboardUrl(regionName, dashboardName));
    this.registerOutputs({ url: this.url });
  }
}
