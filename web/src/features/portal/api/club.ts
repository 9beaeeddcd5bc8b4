import { useQuery } from '@tanstack/react-query';
import { portalTokenStore } from '../lib/portal-session';
import { portalCall } from './client';
import { portalKeys } from './me';

const who = () => portalTokenStore.get()?.customerId ?? '';

export function useMyMemberships() {
  return useQuery({ queryKey: portalKeys.memberships(who()), queryFn: ({ signal }) => portalCall((client) => client.GET('/portal/me/memberships', { signal })) });
}

export function useMyCertificates() {
  return useQuery({ queryKey: portalKeys.certificates(who()), queryFn: ({ signal }) => portalCall((client) => client.GET('/portal/me/certificates', { signal })) });
}
