import { describe, expect, it } from '@jest/globals';
import { cognitoLogoutUrl, cognitoOidcSettings } from '../../web/src/lib/auth/cognito-settings';
import { sessionFromToken } from '../../web/src/lib/auth/session';

const jwt = (claims: Record<string, unknown>) => ['{"alg":"none"}', JSON.stringify(claims)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.sig';
const now = 1_900_000_000;

/** What the console shows comes from the ID token's claims, read as the API reads them. */
describe('sessionFromToken', () => {
  it('reads the winery, name and strongest role from a Cognito ID token', () => {
    const token = jwt({ sub: 'u-1', name: 'Zoë Ünal', 'custom:tenantId': 'demo-winery', 'cognito:groups': ['viewer', 'staff'], exp: now + 60 });
    expect(sessionFromToken(token, now)).toEqual({ token, tenantId: 'demo-winery', name: 'Zoë Ünal', sub: 'u-1', role: 'staff', expiresAt: now + 60 });
  });

  it('refuses an expired token, one without a staff group, one without a winery, and garbage', () => {
    const claims = { sub: 'u-1', 'custom:tenantId': 't', 'cognito:groups': ['admin'], exp: now + 60 };
    expect(sessionFromToken(jwt({ ...claims, exp: now }), now)).toBeUndefined();
    expect(sessionFromToken(jwt({ ...claims, 'cognito:groups': ['customers'] }), now)).toBeUndefined();
    expect(sessionFromToken(jwt({ ...claims, 'custom:tenantId': undefined }), now)).toBeUndefined();
    expect(sessionFromToken('not.a-token', now)).toBeUndefined();
  });
});

/** In AWS the console signs staff in with Cognito's hosted UI; these are the settings oidc-client-ts gets. */
describe('cognitoOidcSettings', () => {
  const config = { userPoolDomain: 'winery-prod.auth.us-east-1.amazoncognito.com', clientId: 'abc123', issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool' };

  it('uses the authorization code flow (PKCE) with the hosted UI endpoints and returns to the callback page', () => {
    const settings = cognitoOidcSettings(config, 'https://console.example.com');
    expect(settings).toMatchObject({
      authority: config.issuer,
      client_id: 'abc123',
      response_type: 'code',
      redirect_uri: 'https://console.example.com/auth/callback',
      scope: 'openid email profile',
      metadata: {
        issuer: config.issuer,
        authorization_endpoint: 'https://winery-prod.auth.us-east-1.amazoncognito.com/oauth2/authorize',
        token_endpoint: 'https://winery-prod.auth.us-east-1.amazoncognito.com/oauth2/token',
        jwks_uri: `${config.issuer}/.well-known/jwks.json`,
      },
    });
  });

  it('signs out through Cognito’s own logout URL, back to the console', () => {
    const url = new URL(cognitoLogoutUrl(cognitoOidcSettings(config, 'https://console.example.com')));
    expect(url.origin + url.pathname).toBe('https://winery-prod.auth.us-east-1.amazoncognito.com/logout');
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'abc123', logout_uri: 'https://console.example.com/' });
  });
});
