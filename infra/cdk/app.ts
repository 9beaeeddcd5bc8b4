import { App } from 'aws-cdk-lib';
import { addServiceStack } from './stack';

/**
 * The CDK app (`npx cdk synth`, `npx cdk deploy -c stage=prod`). Environment-agnostic: no
 * account or region lookups, so synth works offline; the CLI's credentials pick the target.
 *
 * Context (all optional): `stage` (default `dev`), `logLevel`, `allowedOrigins` (comma
 * separated), `alarmEmail`, `emailFrom`, `portalUrl`, `webDomainName` with `webCertificateArn`,
 * `authDomainPrefix`, `localWebOrigin`, `cardProcessorFieldUrl` with `cardProcessorName`.
 */
const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const webDomainName = context('webDomainName');
const webCertificateArn = context('webCertificateArn');
if ((webDomainName === undefined) !== (webCertificateArn === undefined)) {
  throw new Error('Set webDomainName and webCertificateArn together: CloudFront serves a custom domain only with its certificate (ACM, us-east-1).');
}

const cardProcessorFieldUrl = context('cardProcessorFieldUrl');

addServiceStack(app, {
  stage: context('stage') ?? 'dev',
  logLevel: context('logLevel'),
  allowedOrigins: context('allowedOrigins')?.split(',').map((origin) => origin.trim()),
  alarmEmail: context('alarmEmail'),
  emailFrom: context('emailFrom'),
  portalUrl: context('portalUrl'),
  webDomain: webDomainName && webCertificateArn ? { domainName: webDomainName, certificateArn: webCertificateArn } : undefined,
  authDomainPrefix: context('authDomainPrefix'),
  localWebOrigin: context('localWebOrigin'),
  cardProcessor: cardProcessorFieldUrl ? { name: context('cardProcessorName') ?? 'the card processor', fieldUrl: cardProcessorFieldUrl } : undefined,
});
