import { sessionFromToken } from './session';

/**
 * A token kept in Web Storage, parsed into a session, read by an API client and, through
 * `useSyncExternalStore`, by React. The staff console and the member portal each keep theirs
 * under a key of their own.
 *
 * The staff token is in localStorage: one sign-in serves every tab of the browser, and a sign-out
 * (or an expired token) in one tab ends them all, through the `storage` event that the browser
 * sends the other tabs. The member portal keeps sessionStorage: a staff member's "Login" as a
 * member stays in the one tab it was opened in.
 */
export function createTokenStore<S extends { token: string }>(key: string, parse: (token: string) => S | undefined, storage: () => Storage) {
  const listeners = new Set<() => void>();
  const inBrowser = typeof window !== 'undefined';
  // Outside a browser (the unit tests import modules that import this one) there is no storage.
  let current: S | undefined = inBrowser ? parse(storage().getItem(key) ?? '') : undefined;
  const notify = () => listeners.forEach((listener) => listener());
  if (inBrowser) {
    window.addEventListener('storage', (event) => {
      if (event.key !== key && event.key !== null) return;
      current = parse(storage().getItem(key) ?? '');
      notify();
    });
  }
  return {
    get: (): S | undefined => current,
    set(token: string | undefined): S | undefined {
      current = token ? parse(token) : undefined;
      if (current) storage().setItem(key, current.token);
      else storage().removeItem(key);
      notify();
      return current;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The staff member's token, shared by the browser's tabs. */
export const tokenStore = createTokenStore('winery-people.token', sessionFromToken, () => window.localStorage);
