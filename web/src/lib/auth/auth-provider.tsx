import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { AppConfig } from '../config';
import { localToken, type LocalSignIn } from './local-sign-in';
import type { Session } from './session';
import { tokenStore } from './token-store';

export interface Auth {
  readonly session: Session | undefined;
  /** `cognito` when /config.json names a user pool (AWS), else `local` (npm start). */
  readonly mode: 'local' | 'cognito';
  signInLocal(request: LocalSignIn): Promise<void>;
  signInWithCognito(): Promise<void>;
  completeCognitoSignIn(): Promise<void>;
  signOut(): void;
}

const AuthContext = createContext<Auth | undefined>(undefined);

export function AuthProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  const session = useSyncExternalStore(tokenStore.subscribe, tokenStore.get);
  const auth = useMemo<Omit<Auth, 'session'>>(() => {
    const { userPoolDomain, userPoolClientId: clientId, issuer } = config;
    // oidc-client-ts is loaded only where there is a user pool (AWS): the local console never pays for it.
    let loaded: ReturnType<typeof loadCognito> | undefined;
    const loadCognito = () => import('./cognito-sign-in').then(({ createCognitoSignIn }) => createCognitoSignIn({ userPoolDomain: userPoolDomain!, clientId: clientId!, issuer }));
    const cognito = userPoolDomain && clientId ? () => (loaded ??= loadCognito()) : undefined;
    return {
      mode: cognito ? 'cognito' : 'local',
      async signInLocal(request) {
        if (!tokenStore.set(await localToken(config.apiUrl, request))) throw new Error('The token has no staff role or tenant.');
      },
      async signInWithCognito() {
        if (!cognito) throw new Error('No user pool is configured.');
        await (await cognito()).signIn();
      },
      async completeCognitoSignIn() {
        if (!cognito) throw new Error('No user pool is configured.');
        if (!tokenStore.set(await (await cognito()).completeSignIn())) throw new Error('Your account has no staff role or winery.');
      },
      signOut() {
        tokenStore.set(undefined);
        if (cognito) void cognito().then((c) => c.signOut());
      },
    };
  }, [config]);
  const value = useMemo(() => ({ ...auth, session }), [auth, session]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in session; only for screens behind the sign-in guard. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}
