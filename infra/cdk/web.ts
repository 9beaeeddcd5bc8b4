import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { AssetHashType, DefaultStackSynthesizer, DockerImage, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { BucketDeployment, type BucketDeploymentProps, CacheControl, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** The file the app reads at start (`/config.json`); written by the stack, never by the build. */
export const webConfigFile = 'config.json';

/** Vite's `build.assetsDir`: file names there carry a content hash, so they never change. */
const hashedAssets = 'assets/*';
/**
 * Source maps are never published, even if a build made some: served, they hand anyone the
 * app's sources. (The build makes none: `build.sourcemap` is off in `web/vite.config.ts`.)
 */
const sourceMaps = ['*.map', '**/*.map'];
const isSourceMap = (path: string) => path.endsWith('.map');

/** What the app reads from `/config.json`: the deployed values it cannot know when it is built. */
export interface WebRuntimeConfig {
  /** Base URL of the HTTP API, no trailing slash. */
  readonly apiUrl: string;
  readonly region: string;
  readonly userPoolId: string;
  /** The ID token's `iss` (`https://cognito-idp.<region>.amazonaws.com/<userPoolId>`); its keys are under `/.well-known/jwks.json`. */
  readonly issuer: string;
  /** The console's app client (authorization code with PKCE, no secret). */
  readonly userPoolClientId: string;
  /** Host name of the hosted sign-in (`<prefix>.auth.<region>.amazoncognito.com`), without scheme. */
  readonly userPoolDomain: string;
  /** Where the hosted sign-in sends the authorization code: `<web origin>/auth/callback`. */
  readonly redirectUri: string;
  /** Where the hosted sign-out returns: `<web origin>/`. */
  readonly logoutUri: string;
  /**
   * The card processor's hosted card field, which the console frames for "Add card" (the card
   * number goes to the processor; the app and the API see only its token). Absent: no "Add card".
   */
  readonly cardProcessor?: CardProcessorField;
}

/** A card processor's hosted card field (CDK context `cardProcessorFieldUrl`, `cardProcessorName`). */
export interface CardProcessorField {
  /** What staff read: "The card number goes straight to <name>". */
  readonly name: string;
  /** An `https://` page of the processor's that posts back `{ type: 'card-tokenized', token, … }`. */
  readonly fieldUrl: string;
}

/** A custom domain for the web app, instead of the distribution's `*.cloudfront.net` name. */
export interface WebDomain {
  readonly domainName: string;
  /** An ACM certificate for `domainName`, in us-east-1 (CloudFront's region). */
  readonly certificateArn: string;
}

export interface WebHostingProps {
  /** Where `web/` and the workspace's lock file are (the repository root). */
  readonly projectRoot: string;
  /**
   * A folder holding an already built app (`index.html`, `assets/`), published as is. Tests pass
   * a small fixture here so they need no Vite build.
   * @default `web/`, built with its own build script (typecheck, then Vite) during synth
   */
  readonly webAssetPath?: string;
  /** Origins the app may call besides its own (CSP `connect-src`): the API and Cognito. */
  readonly connectSources: readonly string[];
  /** The one origin the app may frame (CSP `frame-src`): the card processor's field. @default none */
  readonly frameSource?: string;
  /** @default the distribution's own domain with CloudFront's default certificate */
  readonly domain?: WebDomain;
}

/**
 * The staff console and the member portal (one static app, `web/`): a private S3 bucket that
 * only this distribution may read (origin access control), served over HTTPS with a content
 * security policy and the other security headers on every response, and client-side routes
 * (`/portal/<tenant>/set-password`) answered with the app's `index.html`.
 *
 * Nothing is invalidated on deploy: hashed assets are immutable and kept across releases (a tab
 * still running the previous release can load its chunks), while `index.html` and `config.json`
 * are `no-cache`, which browsers revalidate on every load and CloudFront keeps for at most the
 * cache policy's minimum TTL (one second), so a release is live as soon as its deployment
 * finishes. That also keeps `cloudfront:CreateInvalidation` on `*` out of the deployment role.
 */
export class WebHosting extends Construct {
  readonly bucket: Bucket;
  /** Server access logs of the bucket and the distribution's standard logs. */
  readonly accessLogs: Bucket;
  readonly distribution: Distribution;
  /** `https://<domain>`: the app's origin (CORS, the sign-in callback and sign-out URLs, email links). */
  readonly origin: string;
  private readonly deployment: Pick<BucketDeploymentProps, 'destinationBucket' | 'role' | 'logGroup'>;
  private configWritten = false;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // CloudFront's standard logs are delivered with an ACL grant to its log delivery account,
      // which a bucket with ACLs disabled (the default) refuses.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      // Access logs hold viewers' IP addresses: kept long enough to investigate, not forever.
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the destination of the web bucket server access logs and of the CloudFront logs; ' +
        'logging it into itself would log its own log deliveries, and logging it elsewhere only moves the question.',
    });

    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'bucket/',
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Web app: CSP, HSTS, nosniff, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.connectSources, props.frameSource), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // Portal links carry one-time tokens in their URL (set-password): no page URL may leave
        // in a Referer header, not even its path.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Web app of ${Stack.of(this).stackName}`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: securityHeaders,
      },
      // Client-side routes have no object: S3 answers 403 (the distribution may not list the
      // bucket) or 404, and the app's index.html takes over. Not cached, so a release shows at once.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.accessLogs,
      logFilePrefix: 'cloudfront/',
      ...(props.domain
        ? {
            domainNames: [props.domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.origin = `https://${props.domain?.domainName ?? this.distribution.distributionDomainName}`;
    acknowledgeDistributionFindings(this.distribution, props.domain !== undefined);

    // One role for the deployments (they share one CDK-provided function): our own, so it has no
    // AWS-managed policy, only its log group and the buckets it is granted below.
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built web app and config.json into the web bucket',
    });
    const logGroup = new LogGroup(this, 'DeploymentLogs', { retention: RetentionDays.ONE_MONTH });
    logGroup.grantWrite(role);
    this.deployment = { destinationBucket: this.bucket, role, logGroup };

    const app = appSource(this, props);
    const assets = new BucketDeployment(this, 'DeployAssets', {
      ...this.deployment,
      sources: [app],
      exclude: ['*'],
      include: [hashedAssets],
      // Earlier releases' chunks stay, for tabs still running them.
      prune: false,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
    });
    const shell = new BucketDeployment(this, 'DeployShell', {
      ...this.deployment,
      sources: [app],
      // Excluded files are neither uploaded nor pruned: the assets above and the stack's config.json.
      exclude: [hashedAssets, webConfigFile],
      cacheControl: [CacheControl.noCache()],
    });
    // index.html is published only once the chunks it names are there.
    shell.node.addDependency(assets);
    acknowledgeDeploymentGrants(role, this.bucket);
    acknowledgeDeploymentFunction(this);

    this.node.addValidation({
      validate: () => (this.configWritten ? [] : [`${this.node.path}: call writeConfig() so the app finds /${webConfigFile}.`]),
    });
  }

  /**
   * Publishes `/config.json` beside the app. Its values are deploy-time tokens (API URL, client
   * id), resolved by the deployment; the file is `no-cache` so a new API URL reaches open tabs on reload.
   */
  writeConfig(config: WebRuntimeConfig): void {
    if (this.configWritten) throw new Error(`${this.node.path}: config.json is written once.`);
    this.configWritten = true;
    new BucketDeployment(this, 'DeployConfig', {
      ...this.deployment,
      sources: [Source.jsonData(webConfigFile, config)],
      prune: false,
      cacheControl: [CacheControl.noCache()],
    });
  }
}

/**
 * The CSP of every response. Scripts only from the app's own origin (Vite emits no inline
 * script); inline styles because Mantine injects its CSS variables at run time; images also as
 * data: URLs (Mantine's icons); no plugins, no framing of the app, no `<base>` rewriting. The
 * app frames one page of another origin, the card processor's field (when there is one); it
 * never calls the processor itself, so `connect-src` does not name it.
 */
function contentSecurityPolicy(connectSources: readonly string[], frameSource: string | undefined): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ${connectSources.join(' ')}`,
    ...(frameSource ? [`frame-src ${frameSource}`] : []),
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** The built app: the given folder, or `web/` built during synth with the local toolchain (there is no Docker). */
function appSource(scope: Construct, props: WebHostingProps): ISource {
  const asset = props.webAssetPath
    ? new Asset(scope, 'App', { path: props.webAssetPath, exclude: sourceMaps })
    : new Asset(scope, 'App', {
        path: join(props.projectRoot, 'web'),
        // Hash what was built, not web/'s sources: the build also reads files outside web/ (the
        // OpenAPI types), and a stale source hash would publish yesterday's build.
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: the local build either succeeds or stops synth with its own error.
          image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
          local: {
            tryBundle(outputDir: string): boolean {
              buildWebApp(props.projectRoot, outputDir);
              return true;
            },
          },
        },
      });
  // One asset for both deployments: built and uploaded once.
  return Source.bucket(asset.bucket, asset.s3ObjectKey);
}

/**
 * Builds the web workspace with its own build script and copies `web/dist` into `outputDir`,
 * without source maps. The build's output goes to stderr (stdout may carry the synthesized
 * template); a failure stops synth with what to do.
 */
export function buildWebApp(projectRoot: string, outputDir: string): void {
  const args = ['run', 'build', '--workspace', 'web'];
  const result = spawnSync('npm', args, { cwd: projectRoot, stdio: ['ignore', 2, 2] });
  if (result.error !== undefined || result.status !== 0) {
    const how = result.error ? `could not start: ${result.error.message}` : `exited with ${result.status ?? result.signal}`;
    throw new Error(
      `Building the web app failed: \`npm ${args.join(' ')}\` in ${projectRoot} ${how} (its output is above). ` +
        'Synth publishes the built app to the web bucket, so it needs a build that passes: fix it and synth again.',
    );
  }
  const dist = join(projectRoot, 'web', 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`The web build passed but ${dist} has no index.html: check build.outDir in web/vite.config.ts.`);
  }
  cpSync(dist, outputDir, { recursive: true, filter: (source) => !isSourceMap(source) });
}

function acknowledgeDistributionFindings(distribution: Distribution, customDomain: boolean): void {
  Validations.of(distribution).acknowledge(
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'Wineries and their club members are in many countries; the app is static and every call it makes is ' +
        'authenticated by the API, so blocking countries would only lock out customers travelling abroad.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'The distribution serves only static files from S3 (GET/HEAD, cached); there is no application behind it ' +
        'for WAF rules to protect. The API is a separate origin with its own authorizer and stage throttling.',
    },
  );
  if (!customDomain) {
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'Without a custom domain (context webDomainName + webCertificateArn) CloudFront serves its default ' +
        '*.cloudfront.net certificate, whose security policy cannot be chosen; with one, TLSv1.2_2021 is set.',
    });
  }
}

/**
 * BucketDeployment grants its copy function read on the CDK asset objects and read/write on the
 * destination's objects, with action wildcards of its own choosing.
 */
function acknowledgeDeploymentGrants(role: Role, bucket: Bucket): void {
  const stack = Stack.of(role);
  const bucketId = stack.getLogicalId(bucket.node.defaultChild as CfnBucket);
  const actionsReason =
    'BucketDeployment grants these action families (GetObject*, GetBucket*, List* to read the CDK asset; ' +
    'PutObject, DeleteObject*, Abort* to sync with prune) to its copy function; every one is limited to the ' +
    'asset bucket or the web bucket named in the same statements.';
  const resourcesReason =
    'Object-level wildcards of exactly two buckets: the CDK asset bucket of this account and region, which ' +
    'holds the built app, and this web bucket, whose whole content the copy function replaces on each release.';
  Validations.of(role).acknowledge(
    ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: actionsReason,
    })),
    {
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
      reason: resourcesReason,
    },
    { id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`, reason: resourcesReason },
  );
}

/**
 * BucketDeployment's copy function is created by CDK at the stack's root (one per stack), with
 * the Python runtime that CDK pairs with its AWS CLI layer.
 */
function acknowledgeDeploymentFunction(scope: Construct): void {
  for (const child of Stack.of(scope).node.children) {
    if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
      Validations.of(child).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          "The runtime of BucketDeployment's copy function is chosen by aws-cdk-lib together with the AWS CLI layer " +
          'it ships, not by this project; it moves forward with CDK upgrades and runs only during deployments.',
      });
    }
  }
}
