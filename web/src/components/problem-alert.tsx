import { Alert, Button, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiProblem } from '@/lib/api-client';
import { fieldErrorsOf } from '@/lib/field-errors';

/** Any failure, as the API explained it (its `detail`), never a bare "error". */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const problem = error instanceof ApiProblem ? error : undefined;
  const { title, detail } = problem ? wordsFor(problem) : { title: 'Something went wrong', detail: error instanceof Error ? error.message : String(error) };
  return (
    <Alert color="red" title={title} icon={<IconAlertTriangle aria-hidden />} role="alert">
      {detail}
      {problem?.status === 400 && problem.errors.length > 0 && (
        <List size="sm" mt={4}>
          {[...new Set(Object.values(fieldErrorsOf(problem)))].map((message) => (
            <List.Item key={message}>{message}</List.Item>
          ))}
        </List>
      )}
      {onRetry && (
        <Button variant="light" color="red" size="xs" mt="sm" onClick={onRetry} display="block">
          Try again
        </Button>
      )}
    </Alert>
  );
}

/** A problem as staff read it: what happened and what to do, not the protocol's words. */
function wordsFor(problem: ApiProblem): { title: string; detail: string | undefined } {
  if (problem.status === 413) return { title: 'Too much to save at once', detail: 'Shorten the text (a note can be up to 10,000 characters) and save again.' };
  if (problem.status === 0) return { title: 'Could not reach the server', detail: 'Check the connection and try again; nothing was saved.' };
  if (problem.status === 400 && problem.errors.length > 0) return { title: 'Some fields need a change', detail: 'The fields marked in red say what to fix.' };
  if (problem.status === 403) return { title: 'Not allowed', detail: problem.detail ?? 'Your role cannot do this.' };
  if (problem.status >= 500) return { title: 'Something went wrong on our side', detail: 'Nothing was changed. Try again in a moment.' };
  return { title: problem.title, detail: problem.detail };
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
