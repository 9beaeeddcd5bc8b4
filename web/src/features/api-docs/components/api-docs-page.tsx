import { Anchor, Container, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { PageLoader } from '@/components/page-loader';
import { ProblemAlert } from '@/components/problem-alert';
import { loadConfig } from '@/lib/config';

const ApiReference = lazy(() => import('./api-reference'));

/**
 * The API reference at /docs, open without signing in: the OpenAPI document that the API serves
 * (`<apiUrl>/openapi.json`), so it always matches the deployed API.
 */
export function ApiDocsPage() {
  const config = useQuery({ queryKey: ['config'], queryFn: loadConfig, staleTime: Infinity });
  if (config.isPending) return <PageLoader label="Loading the API reference" />;
  if (config.error) return <ProblemAlert error={config.error} onRetry={() => void config.refetch()} />;
  const url = `${config.data.apiUrl}/openapi.json`;
  return (
    <main>
      <Container size="xl" py="md">
        <Stack gap={4}>
          <Title order={1}>Winery People API</Title>
          <Text>
            The staff and portal API. The OpenAPI document itself: <Anchor href={url}>{url}</Anchor>
          </Text>
        </Stack>
      </Container>
      <Suspense fallback={<PageLoader label="Loading the API reference" />}>
        <ApiReference url={url} />
      </Suspense>
    </main>
  );
}
