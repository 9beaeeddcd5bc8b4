import { Button, Center, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Navigate, useLocation } from 'react-router';
import { ProblemAlert } from '@/components/problem-alert';
import { useAuth } from '@/lib/auth/auth-provider';
import type { LocalSignIn } from '@/lib/auth/local-sign-in';
import { usePageTitle } from '@/hooks/use-page-title';

function useReturnPath(): string {
  const state = useLocation().state as { from?: string } | null;
  return state?.from ?? '/people';
}

/**
 * Sign-in. In AWS: one button to the winery's Cognito hosted sign-in. Locally (`npm start`): pick
 * the winery, a name and a role; the local gateway signs a token as Cognito would.
 */
export function SignInPage() {
  const { session, mode } = useAuth();
  const returnPath = useReturnPath();
  usePageTitle('Sign in', 'Winery People');
  if (session) return <Navigate to={returnPath} replace />;
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w={420}>
        <Stack>
          <Title order={1} size="h2">
            Winery People
          </Title>
          {mode === 'cognito' ? <CognitoSignIn /> : <LocalSignInForm />}
        </Stack>
      </Paper>
    </Center>
  );
}

function CognitoSignIn() {
  const { signInWithCognito } = useAuth();
  const signIn = useMutation({ mutationFn: signInWithCognito });
  return (
    <>
      <Text>Sign in with your winery staff account.</Text>
      {signIn.error && <ProblemAlert error={signIn.error} />}
      <Button onClick={() => signIn.mutate()} loading={signIn.isPending}>
        Sign in
      </Button>
    </>
  );
}

function LocalSignInForm() {
  const { signInLocal } = useAuth();
  const form = useForm<LocalSignIn>({
    initialValues: { tenantId: 'demo-winery', name: '', role: 'admin' },
    validate: {
      tenantId: (value) => (value.trim() ? null : 'Enter the winery'),
      name: (value) => (value.trim() ? null : 'Enter your name'),
    },
  });
  const signIn = useMutation({ mutationFn: signInLocal });
  return (
    <form onSubmit={form.onSubmit((values) => signIn.mutate(values))} noValidate>
      <Stack>
        <Text size="sm">Local sign-in (npm start): choose a winery, your name and a role.</Text>
        <TextInput label="Winery" description="The tenant id" required {...form.getInputProps('tenantId')} />
        <TextInput label="Your name" required autoComplete="name" {...form.getInputProps('name')} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="role-label">
            Role
          </Text>
          <SegmentedControl
            aria-labelledby="role-label"
            data={[
              { value: 'admin', label: 'Admin' },
              { value: 'staff', label: 'Staff' },
              { value: 'viewer', label: 'Viewer' },
            ]}
            {...form.getInputProps('role')}
          />
        </Stack>
        {signIn.error && <ProblemAlert error={signIn.error} />}
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
