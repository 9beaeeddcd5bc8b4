/**
 * What the deployment tells the app at run time (`/config.json`, written by the stack in AWS and
 * served by `npm start` locally), so one build runs against any API.
 */
export interface AppConfig {
  /** The API's base URL, without a trailing slash. */
  readonly apiUrl: string;
  /** Cognito hosted sign-in (AWS). Without it the app uses the local sign-in page. */
  readonly userPoolDomain?: string;
  /** The console's app client (authorization code with PKCE, no secret). */
  readonly userPoolClientId?: string;
  /** The user pool's issuer (`https://cognito-idp.<region>.amazonaws.com/<poolId>`), used to check ID tokens. */
  readonly issuer?: string;
  /**
   * The card processor's hosted card field (AWS: the processor's page; `npm start`: the local
   * test processor). Staff type a card number into that page, on the processor's origin; it
   * answers this app with a token (`postMessage`), and only the token reaches the API.
   */
  readonly cardProcessor?: { readonly name: string; readonly fieldUrl: string };
}

let loaded: AppConfig | undefined;

/** The configuration read at start-up (after `loadConfig`). */
export function appConfig(): AppConfig | undefined {
  return loaded;
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`Could not load /config.json (${response.status}).`);
  const config = (await response.json()) as Partial<AppConfig>;
  if (typeof config.apiUrl !== 'string' || config.apiUrl === '') throw new Error('/config.json has no apiUrl.');
  loaded = { ...config, apiUrl: config.apiUrl.replace(/\/+$/, '') } as AppConfig;
  return loaded;
}
