import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
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

/**
 * Staff sign-in: a Cognito user pool whose ID tokens carry `custom:tenantId` and
 * `cognito:groups`, an app client for the web and mobile front ends, and the JWT authorizer
 * that API Gateway runs on every staff route.
 *
 * Staff accounts see every customer of a winery, so: no self sign-up (an admin creates them),
 * MFA required (TOTP), strong passwords, and threat protection on (Plus plan).
 */
export class StaffIdentity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** Verifies the ID token (issuer = this pool, audience = this client) before a function runs. */
  readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string) {
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

    this.client = this.userPool.addClient('AppClient', {
      // A public client (browser, mobile): a secret could not be kept there.
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted UI: the front ends sign in with SRP, so OAuth flows and callback URLs stay off.
      disableOAuth: true,
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
    });

    // HTTP API's JWT authorizer: issuer = this pool, audience = this client. The front ends send
    // the ID token (it carries `custom:tenantId`; the access token does not).
    this.authorizer = new HttpUserPoolAuthorizer('StaffJwt', this.userPool, {
      userPoolClients: [this.client],
    });
  }
}
