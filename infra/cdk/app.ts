import { App } from 'aws-cdk-lib';
import { addServiceStack } from './stack';

/**
 * The CDK app (`npx cdk synth`, `npx cdk deploy -c stage=prod`). Environment-agnostic: no
 * account or region lookups, so synth works offline; the CLI's credentials pick the target.
 *
 * Context (all optional): `stage` (default `dev`), `logLevel`, `allowedOrigins` (comma
 * separated), `alarmEmail`, `emailFrom`, `portalUrl`.
 */
const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

addServiceStack(app, {
  stage: context('stage') ?? 'dev',
  logLevel: context('logLevel'),
  allowedOrigins: context('allowedOrigins')?.split(',').map((origin) => origin.trim()),
  alarmEmail: context('alarmEmail'),
  emailFrom: context('emailFrom'),
  portalUrl: context('portalUrl'),
});
