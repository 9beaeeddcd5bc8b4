import type { StaffRole } from './session';

export interface LocalSignIn {
  readonly tenantId: string;
  readonly name: string;
  readonly role: StaffRole;
}

/** `npm start` only: a token signed the way Cognito would, from the local gateway. */
export async function localToken(apiUrl: string, request: LocalSignIn): Promise<string> {
  const sub = `local-${request.name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const response = await fetch(`${apiUrl}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId: request.tenantId.trim(), name: request.name.trim(), groups: [request.role], sub }),
  });
  if (!response.ok) throw new Error(`The local sign-in failed (${response.status}). Is this the local stack?`);
  return ((await response.json()) as { token: string }).token;
}
