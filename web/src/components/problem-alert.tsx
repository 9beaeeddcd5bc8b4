import { Alert, Button } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiProblem } from '@/lib/api-client';

/** Any failure, as the API explained it (its `detail`), never a bare "error". */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const problem = error instanceof ApiProblem ? error : undefined;
  const title = problem?.title ?? 'Something went wrong';
  const detail = problem ? problem.detail : error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title={title} icon={<IconAlertTriangle aria-hidden />} role="alert">
      {detail}
      {onRetry && (
        <Button variant="light" color="red" size="xs" mt="sm" onClick={onRetry} display="block">
          Try again
        </Button>
      )}
    </Alert>
  );
}

/** A 412: someone saved the record after it was loaded here. */
export function StaleRecordAlert({ onReload }: { onReload: () => void }) {
  return (
    <Alert color="orange" title="Someone else changed this record" icon={<IconAlertTriangle aria-hidden />} role="alert">
      Your changes were not saved. Reload to see the current record, then make your change again.
      <Button variant="filled" color="orange" size="xs" mt="sm" onClick={onReload} display="block">
        Reload
      </Button>
    </Alert>
  );
}

/** The error of a mutation or query as the right alert. */
export function MutationError({ error, onReload }: { error: unknown; onReload?: () => void }) {
  if (!error) return null;
  if (error instanceof ApiProblem && error.isStale && onReload) return <StaleRecordAlert onReload={onReload} />;
  return <ProblemAlert error={error} />;
}
