import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { consoleCallbackPath, signInDomainPrefix } from '../../infra/cdk/auth';
import { repositoryRoot } from '../../infra/cdk/functions';
import { addServiceStack, type ServiceStack, type ServiceStackProps } from '../../infra/cdk/stack';
import { buildWebApp, WebHosting, type WebRuntimeConfig } from '../../infra/cdk/web';

/**
 * The web app's hosting, on the synthesized template of the whole stack: who can read the
 * bucket, what every response carries, what the app finds in /config.json, and how sign-in and
 * the API are wired to the distribution's origin. The stack publishes a small fixture instead
 * of building `web/` (`npm run synth` does the real build).
 */
const webFixture = join(repositoryRoot, 'test', 'infra', 'fixtures', 'web-dist');

function testApp(): App {
  const { context } = JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
}

type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };
type Statement = { Effect: string; Principal?: unknown; Action: string | string[]; Resource: unknown; Condition?: unknown };

interface Synthesized {
  app: App;
  stack: ServiceStack;
  template: Template;
  resources: Record<string, Resource>;
}

function synth(props: Partial<ServiceStackProps> = {}): Synthesized {
  const app = testApp();
  const stack = addServiceStack(app, { stage: 'test', webAssetPath: webFixture, ...props });
  const template = Template.fromStack(stack);
  return { app, stack, template, resources: template.toJSON().Resources as Record<string, Resource> };
}

const idOf = (stack: Stack, construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const ofType = (resources: Record<string, Resource>, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const only = (resources: Record<string, Resource>, type: string): Resource => {
  const found = ofType(resources, type);
  expect(found).toHaveLength(1);
  return found[0]![1];
};

/** A CloudFormation string value with every intrinsic written as its JSON, so tests can read the text around them. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(text).join(join[0]);
  return `\${${JSON.stringify(value)}}`;
}

/** The content security policy every response of the distribution carries, directive by directive. */
function cspOf(synthesized: Synthesized): string[] {
  const policy = only(synthesized.resources, 'AWS::CloudFront::ResponseHeadersPolicy').Properties?.ResponseHeadersPolicyConfig as {
    SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } };
  };
  return text(policy.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).split('; ');
}

/** The published /config.json, with the deploy-time values (markers the deployment replaces) written as the intrinsics they stand for. */
function publishedConfig(synthesized: Synthesized): WebRuntimeConfig {
  const deployment = ofType(synthesized.resources, 'Custom::CDKBucketDeployment')
    .map(([, d]) => d.Properties!)
    .find((d) => d.SourceMarkers !== undefined)!;
  expect(deployment).toBeDefined();
  const hash = String((deployment.SourceObjectKeys as string[])[0]).replace(/\.zip$/, '');
  const file = readFileSync(join(synthesized.app.outdir, `asset.${hash}`, 'config.json'), 'utf8');
  const markers = (deployment.SourceMarkers as Record<string, unknown>[])[0]!;
  return JSON.parse(file.replace(/<<marker:0xbaba:\d+>>/g, (marker) => `\${${JSON.stringify(markers[marker]).replace(/"/g, "'")}}`)) as WebRuntimeConfig;
}

/** The origins the API's CORS configuration allows. */
const corsOrigins = (synthesized: Synthesized) =>
  (only(synthesized.resources, 'AWS::ApiGatewayV2::Api').Properties?.CorsConfiguration as { AllowOrigins: unknown[] }).AllowOrigins;

let main: Synthesized;
let distributionDomain: unknown;

beforeAll(() => {
  main = synth();
  distributionDomain = { 'Fn::GetAtt': [idOf(main.stack, main.stack.web.distribution), 'DomainName'] };
});

describe('Construct: WebHosting', () => {
  describe('the bucket', () => {
    it('blocks every kind of public access, encrypts, and logs access to the log bucket', () => {
      const bucket = main.resources[idOf(main.stack, main.stack.web.bucket)]!;
      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: idOf(main.stack, main.stack.web.accessLogs) } },
      });
      // Not a website endpoint: S3 website endpoints are public HTTP.
      expect(bucket.Properties?.WebsiteConfiguration).toBeUndefined();
    });

    it('lets only this distribution read objects (origin access control), and nobody in without TLS', () => {
      const policy = ofType(main.resources, 'AWS::S3::BucketPolicy').find(
        ([, p]) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: idOf(main.stack, main.stack.web.bucket) }),
      )![1];
      const statements = (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement;
      const allows = statements.filter((s) => s.Effect === 'Allow');
      expect(allows).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: expect.anything(),
          Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
        },
      ]);
      const sourceArn = text((allows[0]!.Condition as { StringEquals: { 'AWS:SourceArn': unknown } }).StringEquals['AWS:SourceArn']);
      expect(sourceArn).toContain(`:distribution/\${${JSON.stringify({ Ref: idOf(main.stack, main.stack.web.distribution) })}}`);
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });

    it('is reached through an origin access control, never a legacy origin access identity', () => {
      main.template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
      const oac = ofType(main.resources, 'AWS::CloudFront::OriginAccessControl');
      expect(oac).toHaveLength(1);
      expect(oac[0]![1].Properties?.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
      const { Origins } = only(main.resources, 'AWS::CloudFront::Distribution').Properties?.DistributionConfig as { Origins: Record<string, unknown>[] };
      expect(Origins).toEqual([
        expect.objectContaining({
          OriginAccessControlId: { 'Fn::GetAtt': [oac[0]![0], 'Id'] },
          S3OriginConfig: { OriginAccessIdentity: '' },
        }),
      ]);
    });
  });

  describe('the distribution', () => {
    const config = () => only(main.resources, 'AWS::CloudFront::Distribution').Properties?.DistributionConfig as Record<string, unknown>;

    it('redirects plain HTTP to HTTPS and serves only GET and HEAD', () => {
      expect(config().DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] });
    });

    it("answers client routes such as /portal/<tenant>/set-password with the app's index.html and 200, uncached", () => {
      expect(config().DefaultRootObject).toBe('index.html');
      expect(config().CustomErrorResponses).toEqual(
        [403, 404].map((code) => ({ ErrorCode: code, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 })),
      );
    });

    it('logs every request to the access log bucket', () => {
      expect(config().Logging).toEqual({
        Bucket: { 'Fn::GetAtt': [idOf(main.stack, main.stack.web.accessLogs), 'RegionalDomainName'] },
        Prefix: 'cloudfront/',
      });
    });
  });

  describe('the security headers', () => {
    const headers = () => {
      const policy = only(main.resources, 'AWS::CloudFront::ResponseHeadersPolicy');
      expect((config() as { DefaultCacheBehavior: { ResponseHeadersPolicyId: unknown } }).DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({
        Ref: ofType(main.resources, 'AWS::CloudFront::ResponseHeadersPolicy')[0]![0],
      });
      return (policy.Properties?.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, Record<string, unknown>> }).SecurityHeadersConfig;
    };
    const config = () => only(main.resources, 'AWS::CloudFront::Distribution').Properties?.DistributionConfig as Record<string, unknown>;
    const csp = () => text(headers().ContentSecurityPolicy!.ContentSecurityPolicy).split('; ');

    it('sends HSTS, nosniff, DENY framing and no referrer on every response, overriding the origin', () => {
      expect(headers()).toMatchObject({
        StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        ContentSecurityPolicy: { Override: true },
      });
    });

    it('has a content security policy that loads scripts only from the app and forbids framing', () => {
      expect(csp()).toEqual(
        expect.arrayContaining([
          "default-src 'self'",
          "frame-ancestors 'none'",
          "object-src 'none'",
          "base-uri 'self'",
          "img-src 'self' data:",
          "style-src 'self' 'unsafe-inline'",
        ]),
      );
      // No directive relaxes scripts: they fall back to default-src 'self'; inline code only for styles.
      expect(csp().some((directive) => directive.startsWith('script-src'))).toBe(false);
      expect(csp().filter((directive) => /unsafe-(inline|eval)/.test(directive))).toEqual(["style-src 'self' 'unsafe-inline'"]);
    });

    it("lets the app call only its API's region, Cognito and the hosted sign-in domain", () => {
      const connect = csp().find((directive) => directive.startsWith('connect-src'))!;
      const region = `\${${JSON.stringify({ Ref: 'AWS::Region' })}}`;
      const suffix = `\${${JSON.stringify({ Ref: 'AWS::URLSuffix' })}}`;
      const signInDomain = text(only(main.resources, 'AWS::Cognito::UserPoolDomain').Properties?.Domain);
      expect(connect.split(' ')).toEqual([
        'connect-src',
        "'self'",
        `https://*.execute-api.${region}.${suffix}`,
        `https://cognito-idp.${region}.${suffix}`,
        `https://${signInDomain}.auth.${region}.amazoncognito.com`,
      ]);
    });
  });

  describe('the published files', () => {
    const deployments = () => ofType(main.resources, 'Custom::CDKBucketDeployment').map(([, d]) => d.Properties!);

    it('keeps hashed assets for a year, and revalidates index.html and config.json on every request', () => {
      expect(deployments()).toHaveLength(3);
      for (const deployment of deployments()) {
        const hashedOnly = JSON.stringify(deployment.Include) === JSON.stringify(['assets/*']);
        expect(deployment.SystemMetadata).toEqual({ 'cache-control': hashedOnly ? 'public, max-age=31536000, immutable' : 'no-cache' });
      }
    });

    it('never deletes config.json or earlier assets when a new build is published', () => {
      for (const deployment of deployments()) {
        if (deployment.Prune === false) continue;
        // Pruning deletes what the source lacks, except what is excluded.
        expect(deployment.Exclude).toEqual(expect.arrayContaining(['config.json', 'assets/*']));
      }
    });

    it('writes /config.json with the API URL, the pool, the console client and the sign-in URLs', () => {
      const config = publishedConfig(main);
      const ref = (construct: IConstruct) => `\${{'Ref':'${idOf(main.stack, construct)}'}}`;
      const domain = `\${${JSON.stringify(distributionDomain).replace(/"/g, "'")}}`;
      expect(config).toEqual({
        apiUrl: `https://${ref(main.stack.api.httpApi)}.execute-api.\${{'Ref':'AWS::Region'}}.\${{'Ref':'AWS::URLSuffix'}}`,
        region: "${{'Ref':'AWS::Region'}}",
        userPoolId: ref(main.stack.identity.userPool),
        issuer: `https://cognito-idp.\${{'Ref':'AWS::Region'}}.\${{'Ref':'AWS::URLSuffix'}}/${ref(main.stack.identity.userPool)}`,
        userPoolClientId: ref(main.stack.identity.consoleClient),
        userPoolDomain: expect.stringMatching(/^winery-test-\$\{.*'AWS::StackId'.*\}\.auth\.\$\{\{'Ref':'AWS::Region'\}\}\.amazoncognito\.com$/),
        redirectUri: `https://${domain}${consoleCallbackPath}`,
        logoutUri: `https://${domain}/`,
      });
    });

    it('publishes no source map, even one the build left beside the app', () => {
      // The fixture has `assets/index-fixture.js.map`, as a build with source maps would.
      expect(existsSync(join(webFixture, 'assets', 'index-fixture.js.map'))).toBe(true);
      const assets = deployments().find((d) => JSON.stringify(d.Include) === JSON.stringify(['assets/*']))!;
      const hash = String((assets.SourceObjectKeys as string[])[0]).replace(/\.zip$/, '');
      const published = readdirSync(join(main.app.outdir, `asset.${hash}`), { recursive: true }).map(String);
      expect(published).toContain(join('assets', 'index-fixture.js'));
      expect(published.filter((file) => file.endsWith('.map'))).toEqual([]);
    });

    it('refuses to synthesize a web app without its config.json', () => {
      const stack = new Stack(testApp(), 'Bare');
      new WebHosting(stack, 'Web', { projectRoot: repositoryRoot, webAssetPath: webFixture, connectSources: [] });
      expect(() => Template.fromStack(stack)).toThrow(/call writeConfig\(\)/);
    });
  });

  describe('the build', () => {
    it('copies the built app without its source maps', () => {
      const root = mkdtempSync(join(tmpdir(), 'winery-web-'));
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'maps', private: true, workspaces: ['web'] }));
      mkdirSync(join(root, 'web'));
      const build =
        "const fs=require('fs');fs.mkdirSync('dist/assets',{recursive:true});" +
        "for(const f of ['index.html','assets/app.js','assets/app.js.map','index.html.map'])fs.writeFileSync('dist/'+f,'x')";
      writeFileSync(join(root, 'web', 'package.json'), JSON.stringify({ name: 'web', private: true, scripts: { build: `node -e "${build}"` } }));
      const out = mkdtempSync(join(tmpdir(), 'winery-web-out-'));
      buildWebApp(root, out);
      expect(readdirSync(out, { recursive: true }).map(String).sort()).toEqual(['assets', join('assets', 'app.js'), 'index.html']);
    });


    it('stops synth with what failed when the web app does not build', () => {
      const root = mkdtempSync(join(tmpdir(), 'winery-web-'));
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'broken', private: true, workspaces: ['web'] }));
      expect(() => buildWebApp(root, mkdtempSync(join(tmpdir(), 'winery-web-out-')))).toThrow(
        /Building the web app failed: `npm run build --workspace web` in .* exited with \d+/,
      );
    });
  });
});

describe('Wiring of the web app', () => {
  it("lets the API answer the app's origin (CORS), and no other by default", () => {
    expect(corsOrigins(main)).toEqual([{ 'Fn::Join': ['', ['https://', distributionDomain]] }]);
  });

  it('keeps other front ends allowed by context beside the app', () => {
    const withOthers = synth({ allowedOrigins: ['https://club.example-winery.com'] });
    const domain = { 'Fn::GetAtt': [idOf(withOthers.stack, withOthers.stack.web.distribution), 'DomainName'] };
    expect(corsOrigins(withOthers)).toEqual([{ 'Fn::Join': ['', ['https://', domain]] }, 'https://club.example-winery.com']);
  });

  it('signs staff in through the hosted sign-in with the code grant, a public client and the app as the only callback', () => {
    const client = main.resources[idOf(main.stack, main.stack.identity.consoleClient)]!.Properties!;
    expect(client).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: expect.arrayContaining(['openid', 'email', 'profile']),
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', distributionDomain, consoleCallbackPath]] }],
      LogoutURLs: [{ 'Fn::Join': ['', ['https://', distributionDomain, '/']] }],
    });
    expect(client.AllowedOAuthFlows).not.toContain('implicit');
    expect(JSON.stringify(client)).not.toContain('localhost');
  });

  it('keeps the SRP client without OAuth', () => {
    const client = main.resources[idOf(main.stack, main.stack.identity.client)]!.Properties!;
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(client.CallbackURLs).toBeUndefined();
  });

  it('adds a local development origin to sign-in and CORS only when the context names one', () => {
    const local = synth({ localWebOrigin: 'http://localhost:3001' });
    const client = local.resources[idOf(local.stack, local.stack.identity.consoleClient)]!.Properties!;
    expect(client.CallbackURLs).toContain(`http://localhost:3001${consoleCallbackPath}`);
    expect(client.LogoutURLs).toContain('http://localhost:3001/');
    expect(corsOrigins(local)).toContain('http://localhost:3001');
    expect(() => synth({ localWebOrigin: 'http://192.168.1.5:3001/app' })).toThrow(/localWebOrigin .* must be an origin/);
  });

  it("frames the card processor's field named by context, and only its origin; config.json tells the console", () => {
    expect(cspOf(main).some((directive) => directive.startsWith('frame-src'))).toBe(false);
    expect(publishedConfig(main).cardProcessor).toBeUndefined();

    const withCards = synth({ cardProcessor: { name: 'Stripe', fieldUrl: 'https://fields.pay.example/card?v=2' } });
    expect(cspOf(withCards).filter((directive) => directive.startsWith('frame-src'))).toEqual(['frame-src https://fields.pay.example']);
    // The console never calls the processor: only the framed page does, under the processor's own policy.
    expect(cspOf(withCards).find((directive) => directive.startsWith('connect-src'))).not.toContain('pay.example');
    expect(cspOf(withCards)).toContain("frame-ancestors 'none'");
    expect(publishedConfig(withCards).cardProcessor).toEqual({ name: 'Stripe', fieldUrl: 'https://fields.pay.example/card?v=2' });

    for (const fieldUrl of ['http://fields.pay.example/card', 'https://user:secret@fields.pay.example/card', 'fields.pay.example']) {
      expect(() => synth({ cardProcessor: { name: 'Stripe', fieldUrl } })).toThrow(/must be the processor's https:\/\/ card field page/);
    }
  });

  it('links emails to the portal under the app origin unless portalUrl is given', () => {
    const portalUrls = ofType(main.resources, 'AWS::Lambda::Function')
      .map(([, fn]) => (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.PORTAL_URL)
      .filter((value) => value !== undefined);
    expect(portalUrls.length).toBeGreaterThan(0);
    for (const url of portalUrls) expect(url).toEqual({ 'Fn::Join': ['', ['https://', distributionDomain, '/portal']] });

    const given = synth({ portalUrl: 'https://club.example-winery.com/portal' });
    const givenUrls = ofType(given.resources, 'AWS::Lambda::Function')
      .map(([, fn]) => (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.PORTAL_URL)
      .filter((value) => value !== undefined);
    expect(new Set(givenUrls)).toEqual(new Set(['https://club.example-winery.com/portal']));
  });

  it('outputs the web URL and the hosted sign-in', () => {
    main.template.hasOutput('WebUrl', { Value: { 'Fn::Join': ['', ['https://', distributionDomain, '/']] } });
    main.template.hasOutput('UserPoolDomain', {});
    main.template.hasOutput('HostedUiUrl', {});
  });
});

describe('Function: signInDomainPrefix', () => {
  it('derives a prefix from the stage and the stack id, so stages and accounts never collide', () => {
    const domain = only(main.resources, 'AWS::Cognito::UserPoolDomain').Properties?.Domain;
    expect(text(domain)).toMatch(/^winery-test-\$\{.*"Ref":"AWS::StackId".*\}$/);
  });

  it('uses a chosen prefix as is', () => {
    const chosen = synth({ authDomainPrefix: 'example-winery-staff' });
    chosen.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'example-winery-staff' });
  });

  it('refuses a prefix Cognito would refuse at deploy time', () => {
    expect(() => signInDomainPrefix('test', 'my-aws-login')).toThrow(/authDomainPrefix.*without aws, amazon, cognito/);
    expect(() => signInDomainPrefix('test', 'Winery_Staff')).toThrow(/lowercase letters, digits and inner dashes/);
    expect(() => signInDomainPrefix('amazonia')).toThrow(/stage "amazonia".*-c authDomainPrefix=/);
  });
});

describe('A custom domain', () => {
  let custom: Synthesized;
  beforeAll(() => {
    custom = synth({
      webDomain: { domainName: 'app.example-winery.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
    });
  });

  it('serves the app on it with TLS 1.2 or newer, and uses it for CORS and sign-in', () => {
    const config = only(custom.resources, 'AWS::CloudFront::Distribution').Properties?.DistributionConfig as Record<string, unknown>;
    expect(config).toMatchObject({
      Aliases: ['app.example-winery.com'],
      ViewerCertificate: { AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
    });
    expect(corsOrigins(custom)).toEqual(['https://app.example-winery.com']);
    custom.template.hasResourceProperties('AWS::Cognito::UserPoolClient', { CallbackURLs: [`https://app.example-winery.com${consoleCallbackPath}`] });
  });

  it('needs no acknowledgment of the outdated-TLS finding', () => {
    const distribution = only(custom.resources, 'AWS::CloudFront::Distribution');
    const acknowledged = (distribution.Metadata?.cdk_nag as { rules_to_suppress: { id: string }[] }).rules_to_suppress.map((r) => r.id);
    expect(acknowledged).not.toContain('AwsSolutions-CFR4');
    const { violations } = new AwsSolutionsChecks(undefined, {}).validateScope(custom.stack);
    expect(violations.map((v) => v.ruleName)).toEqual([]);
  });
});

describe('cdk-nag AwsSolutions on the web app', () => {
  it('finds nothing unacknowledged, and acknowledges only what the default certificate and BucketDeployment bring', () => {
    const { violations } = new AwsSolutionsChecks(undefined, {}).validateScope(main.stack);
    expect(violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    const webIds = Object.entries(main.resources)
      .filter(([id]) => id.startsWith('Web') || id.startsWith('CustomCDKBucketDeployment'))
      .flatMap(([, r]) => ((r.Metadata?.cdk_nag as { rules_to_suppress?: { id: string }[] } | undefined)?.rules_to_suppress ?? []).map((s) => s.id));
    expect(new Set(webIds.map((id) => id.replace(/\[.*$/, '')))).toEqual(
      new Set(['AwsSolutions-S1', 'AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4', 'AwsSolutions-IAM5', 'AwsSolutions-L1']),
    );
  });
});
