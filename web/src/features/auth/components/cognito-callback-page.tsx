import { Anchor, Center, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router';
import { PageLoader } from '@/components/page-loader';
import { ProblemAlert } from '@/components/problem-alert';
import { useAuth } from '@/lib/auth/auth-provider';

/** Cognito sends the browser here with the authorization code; the code is exchanged once. */
export function CognitoCallbackPage() {
  const { completeCognitoSignIn } = useAuth();
  // A query (not an effect) so StrictMode's double render does not exchange the code twice.
  const exchange = useQuery({ queryKey: ['cognito-callback'], queryFn: async () => (await completeCognitoSignIn(), true), retry: false, staleTime: Infinity });
  if (exchange.isSuccess) return <Navigate to="/people" replace />;
  return (
    <Center mih="100vh" component="main">
      {exchange.error ? (
        <Stack>
          <ProblemAlert error={exchange.error} />
          <Anchor component={Link} to="/sign-in">
            Back to sign-in
          </Anchor>
        </Stack>
      ) : (
        <PageLoader label="Signing in" />
      )}
    </Center>
  );
}
