import { sessionFromToken, type Session } from './session';

/**
 * The one place the staff token lives: sessionStorage (gone when the tab closes, not shared
 * with other tabs), read by the API client and, through `useSyncExternalStore`, by React.
 */
const KEY = 'winery-people.token';
const listeners = new Set<() => void>();
let current: Session | undefined = sessionFromToken(sessionStorage.getItem(KEY) ?? '');

export const tokenStore = {
  get: (): Session | undefined => current,
  set(token: string | undefined): Session | undefined {
    current = token ? sessionFromToken(token) : undefined;
    if (current) sessionStorage.setItem(KEY, current.token);
    else sessionStorage.removeItem(KEY);
    listeners.forEach((listener) => listener());
    return current;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
