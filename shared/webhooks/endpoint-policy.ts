import type { TargetPolicy } from '../outbound/public-address';

/**
 * Where a webhook endpoint may be: checked when it is saved (its schema), and again before each
 * attempt (the sender, which bundles no schema). Locally (`npm start`, tests) an endpoint may be
 * a receiver on `http://127.0.0.1`; never in AWS.
 */
export const endpointPolicy = (): TargetPolicy => ({ allowLoopbackHttp: process.env.LOCAL_STACK === '1' });
