import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/** The X bearer token, from a Pulumi config secret into Secrets Manager: the job reads it by ARN. */
export class XTokenSecret extends pulumi.ComponentResource {
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: { token: pulumi.Input<string> }, opts?: pulumi.ComponentResourceOptions) {
    super('stockpipe:secrets:XTokenSecret', name, {}, opts);
    const secret = new aws.secretsmanager.Secret(
      `${name}-x-token`,
      { description: 'X API v2 app-only bearer token for stockpipe', recoveryWindowInDays: 7 },
      { parent: this },
    );
    new aws.secretsmanager.SecretVersion(
      `${name}-x-token`,
      { secretId: secret.id, secretString: args.token },
      { parent: this },
    );
    this.arn = secret.arn;
    this.registerOutputs({ arn: this.arn });
  }
}
