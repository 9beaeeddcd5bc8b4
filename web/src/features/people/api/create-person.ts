import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';
import { queryKeys } from '@/lib/query-keys';

export type CreatePersonBody = paths['/v1/customers']['post']['requestBody']['content']['application/json'];

/** POST /v1/customers with an Idempotency-Key, so a double click or a retry creates one person. */
export function useCreatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreatePersonBody; idempotencyKey: string }) =>
      unwrap(api().POST('/v1/customers', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.customers });
    },
  });
}
