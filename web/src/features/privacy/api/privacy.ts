import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api-client';
import { downloadText } from '@/lib/download';
import { queryKeys } from '@/lib/query-keys';

/** Everything held about the person, saved as a JSON file (the request is recorded in their change history). */
export function useDownloadPersonalData(id: string) {
  return useMutation({
    mutationFn: async () => {
      const data = await unwrap(api().GET('/v1/customers/{id}/privacy-export', { params: { path: { id } } }));
      downloadText(`customer-${data.customer.customerNumber}-personal-data.json`, JSON.stringify(data, null, 2), 'application/json');
    },
  });
}

/** Erases the person as read at `version` (a 412 says someone changed them meanwhile). */
export function useErasePerson(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reason, version }: { reason: string; version: number }) =>
      unwrap(api().POST('/v1/customers/{id}/erase', { params: { path: { id }, header: ifMatch(version) }, body: { reason } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.customers }),
  });
}
