import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { cognitoLogoutUrl, cognitoOidcSettings, type CognitoConfig } from './cognito-settings';

/**
 * Staff sign-in in AWS: Cognito's hosted UI, authorization code + PKCE. The ID token is the
 * Bearer token: it carries `custom:tenantId` and `cognito:groups`, which the API's JWT authorizer
 * and handlers read.
 */
export function createCognitoSignIn(config: CognitoConfig) {
  const settings = cognitoOidcSettings(config, window.location.origin);
  const manager = new UserManager({
    ...settings,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // The hosted UI issues refresh tokens; silent renew by iframe does not work with Cognito.
    automaticSilentRenew: false,
  });
  return {
    /** Sends the browser to the hosted UI. */
    signIn: () => manager.signinRedirect(),
    /** On the callback page: exchanges the code and returns the ID token. */
    async completeSignIn(): Promise<string> {
      const user = await manager.signinRedirectCallback();
      if (!user.id_token) throw new Error('Cognito returned no ID token.');
      return user.id_token;
    },
    async signOut(): Promise<void> {
      await manager.removeUser();
      window.location.assign(cognitoLogoutUrl(settings));
    },
  };
}
