/**
 * The OpenID Connect settings for Cognito's hosted sign-in: authorization code with PKCE
 * (oidc-client-ts does PKCE for the code flow by itself). Pure, so it is unit-tested without a
 * browser; the endpoints are the hosted UI domain's, which Cognito documents, so the app needs
 * no discovery request before redirecting.
 */
export interface CognitoConfig {
  readonly userPoolDomain: string;
  readonly clientId: string;
  readonly issuer?: string;
}

export interface CognitoOidcSettings {
  authority: string;
  client_id: string;
  redirect_uri: string;
  post_logout_redirect_uri: string;
  response_type: 'code';
  scope: string;
  metadata: {
    issuer: string;
    authorization_endpoint: string;
    token_endpoint: string;
    userinfo_endpoint: string;
    end_session_endpoint: string;
    jwks_uri?: string;
  };
}

/** Where Cognito sends the browser back with the authorization code. */
export const CALLBACK_PATH = '/auth/callback';

export function cognitoOidcSettings(config: CognitoConfig, origin: string): CognitoOidcSettings {
  const domain = config.userPoolDomain.startsWith('https://') ? config.userPoolDomain.replace(/\/+$/, '') : `https://${config.userPoolDomain.replace(/\/+$/, '')}`;
  const issuer = config.issuer ?? domain;
  return {
    authority: issuer,
    client_id: config.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: 'openid email profile',
    metadata: {
      issuer,
      authorization_endpoint: `${domain}/oauth2/authorize`,
      token_endpoint: `${domain}/oauth2/token`,
      userinfo_endpoint: `${domain}/oauth2/userInfo`,
      // Cognito's logout takes client_id and logout_uri rather than the standard parameters; see cognito-sign-in.ts.
      end_session_endpoint: `${domain}/logout`,
      ...(config.issuer ? { jwks_uri: `${config.issuer}/.well-known/jwks.json` } : {}),
    },
  };
}

/** Cognito's own logout URL (it ignores OIDC's `post_logout_redirect_uri`). */
export function cognitoLogoutUrl(settings: CognitoOidcSettings): string {
  const url = new URL(settings.metadata.end_session_endpoint);
  url.searchParams.set('client_id', settings.client_id);
  url.searchParams.set('logout_uri', settings.post_logout_redirect_uri);
  return url.toString();
}
