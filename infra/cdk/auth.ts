import { Aws, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { Role } from '../../shared/http/routes';

/**
 * The Cognito groups are the roles of `shared/http/auth.ts` (`cognito:groups` in the token).
 * Lower precedence wins when a user is in several groups, so the strongest role comes first.
 */
const groups: Readonly<Record<Role, { precedence: number; description: string }>> = {
  admin: { precedence: 0, description: 'Staff who may also change settings, customer classes and clubs.' },
  staff: { precedence: 1, description: 'Staff who read and write customers, memberships, orders and notes.' },
  viewer: { precedence: 2, description: 'Staff who may only read.' },
};

/** The console's route that receives the authorization code from the hosted sign-in. */
export const consoleCallbackPath = '/auth/callback';

/**
 * Cognito refuses domain prefixes containing these words, and prefixes are unique per region
 * across all accounts.
 */
const reservedInDomainPrefix = ['aws', 'amazon', 'cognito'];
const domainPrefixPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The hosted sign-in's domain prefix: `winery-<stage>-<8 hex digits of this stack's id>`. The
 * stack id is random per stack, so stages and accounts never collide on Cognito's regional
 * namespace; it resolves at deploy time, so synth stays offline. A chosen prefix (context
 * `authDomainPrefix`) replaces it.
 */
export function signInDomainPrefix(stage: string, chosen?: string): string {
  if (chosen !== undefined) {
    checkDomainPrefix(chosen, 'authDomainPrefix');
    return chosen;
  }
  checkDomainPrefix(`winery-${stage}`, `the default built from stage "${stage}"`);
  const stackUuid = Fn.select(2, Fn.split('/', Aws.STACK_ID));
  return `winery-${stage}-${Fn.select(0, Fn.split('-', stackUuid))}`;
}

function checkDomainPrefix(prefix: string, what: string): void {
  const reserved = reservedInDomainPrefix.find((word) => prefix.includes(word));
  if (!domainPrefixPattern.test(prefix) || reserved !== undefined) {
    throw new Error(
      `Cognito domain prefix "${prefix}" (${what}) must be lowercase letters, digits and inner dashes, at most 63 ` +
        `characters, without ${reservedInDomainPrefix.join(', ')}. Choose one with -c authDomainPrefix=<prefix>.`,
    );
  }
}

/** The hosted sign-in's host name (no scheme) for a domain prefix, as Cognito serves it. */
export function signInHost(domainPrefix: string, region: string): string {
  return `${domainPrefix}.auth.${region}.amazoncognito.com`;
}

export interface StaffIdentityProps {
  /** Prefix of the hosted sign-in domain (`signInDomainPrefix`). */
  readonly domainPrefix: string;
  /**
   * Origins the console is served from (`https://…`, or `http://localhost:<port>` for local
   * development): the hosted sign-in returns to `<origin>/auth/callback` and, after sign-out, to `<origin>/`.
   */
  readonly consoleOrigins: readonly string[];
}

/**
 * Staff sign-in: a Cognito user pool whose ID tokens carry `custom:tenantId` and
 * `cognito:groups`; its hosted sign-in domain; an app client for front ends that sign in with
 * SRP (mobile); the console's app client (hosted sign-in, authorization code with PKCE); and
 * the JWT authorizer that API Gateway runs on every staff route, trusting both clients.
 *
 * Staff accounts see every customer of a winery, so: no self sign-up (an admin creates them),
 * MFA required (TOTP), strong passwords, and threat protection on (Plus plan).
 */
export class StaffIdentity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The staff console's client: the hosted sign-in with the authorization code grant. */
  readonly consoleClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** Host name of the hosted sign-in, e.g. `winery-prod-1a2b3c4d.auth.eu-west-1.amazoncognito.com`. */
  readonly signInHost: string;
  /** The ID token's `iss`: `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`, as the JWT authorizer checks it. */
  readonly issuer: string;
  /** Verifies the ID token (issuer = this pool, audience = one of its clients) before a function runs. */
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: StaffIdentityProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        // The `name` claim becomes the actor's name in the change history.
        fullname: { required: true, mutable: true },
      },
      customAttributes: {
        // Mutable so an admin can correct a mistake (an immutable attribute could never change,
        // not even by an admin). Users cannot change it: the app client cannot write it, so only
        // the admin APIs (AdminCreateUser, AdminUpdateUserAttributes) with IAM credentials can.
        tenantId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const [groupName, group] of Object.entries(groups)) {
      // Group names are claims the code compares against, scoped to this pool, not global names.
      this.userPool.addGroup(`${groupName}Group`, { groupName, ...group });
    }

    this.domain = this.userPool.addDomain('SignInDomain', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    this.signInHost = signInHost(props.domainPrefix, Stack.of(this).region);
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.${Stack.of(this).urlSuffix}/${this.userPool.userPoolId}`;

    // What every client shares. Both are public clients (browser, mobile): a secret could not be kept there.
    const common = {
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      // Claims in the ID token are the attributes the client may read.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('tenantId'),
      // Not `custom:tenantId`: a user must never move themselves to another winery.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    };

    this.client = this.userPool.addClient('AppClient', {
      ...common,
      authFlows: { userSrp: true },
      // This client signs in with SRP, so OAuth flows and callback URLs stay off.
      disableOAuth: true,
    });

    this.consoleClient = this.userPool.addClient('ConsoleClient', {
      ...common,
      // The hosted sign-in does the password, MFA and first-sign-in steps; the console only
      // redeems the code. Cognito accepts PKCE from any client and the console always sends it;
      // without a secret, the code verifier is what stops a stolen code from being redeemed.
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.consoleOrigins.map((origin) => `${origin}${consoleCallbackPath}`),
        logoutUrls: props.consoleOrigins.map((origin) => `${origin}/`),
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // Explicit, so Cognito's default (which adds the custom challenge flow) does not apply.
      authFlows: { userSrp: true },
    });

    // HTTP API's JWT authorizer: issuer = this pool, audience = these clients. The front ends send
    // the ID token (it carries `custom:tenantId`; the access token does not).
    this.authorizer = new HttpUserPoolAuthorizer('StaffJwt', this.userPool, {
      userPoolClients: [this.client, this.consoleClient],
    });
  }
}
