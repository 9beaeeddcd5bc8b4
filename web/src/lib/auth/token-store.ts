import { sessionFromToken } from './session';

/**
 * A token kept in sessionStorage (gone when the tab closes, not shared with other tabs), parsed
 * into a session, read by an API client and, through `useSyncExternalStore`, by React. The staff
 * console and the member portal each keep theirs under a key of their own.
 */
export function createTokenStore<S extends { token: string }>(key: string, parse: (token: string) => S | undefined) {
  const listeners = new Set<() => void>();
  let current: S | undefined = parse(sessionStorage.getItem(key) ?? '');
  return {
    get: (): S | undefined => current,
    set(token: string | undefined): S | undefined {
      current = token ? parse(token) : undefined;
      if (current) sessionStorage.setItem(key, current.token);
      else sessionStorage.removeItem(key);
      listeners.forEach((listener) => listener());
      return current;
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The staff member's token. */
export const tokenStore = createTokenStore('winery-people.token', sessionFromToken);
