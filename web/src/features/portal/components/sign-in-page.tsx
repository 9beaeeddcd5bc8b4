import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconClockPause } from '@tabler/icons-react';
import { Link, Navigate, useLocation } from 'react-router';
import { ProblemAlert } from '@/components/problem-alert';
import { ApiProblem } from '@/lib/api-client';
import { SignInLocked, useSignIn } from '../api/auth';
import { minutesOf } from '../lib/format';
import { usePortalSession, usePortalTenant } from '../lib/use-portal';
import { usePageTitle } from '@/hooks/use-page-title';

/** Email and password; a lockout (429) says how long to wait and offers the reset link instead. */
export function PortalSignInPage() {
  usePageTitle('Sign in', usePortalTenant().wineryName);
  const { tenantId, wineryName } = usePortalTenant();
  const session = usePortalSession();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const signIn = useSignIn(tenantId);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter your email address'),
      password: (value) => (value ? null : 'Enter your password'),
    },
  });
  if (session) return <Navigate to={from ?? `/portal/${tenantId}/account`} replace />;

  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} maw={440} mx="auto">
      <form onSubmit={form.onSubmit((values) => signIn.mutate({ email: values.email.trim(), password: values.password }))} noValidate>
        <Stack>
          <Title order={1} size="h2">
            Sign in
          </Title>
          <Text>Your {wineryName} club and orders, in one place.</Text>
          <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
          <SignInError error={signIn.error} />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            Sign in
          </Button>
          <Anchor component={Link} to={`/portal/${tenantId}/reset-password`} size="sm">
            Forgot your password?
          </Anchor>
        </Stack>
      </form>
    </Paper>
  );
}

function SignInError({ error }: { error: Error | null }) {
  const { tenantId } = usePortalTenant();
  if (!error) return null;
  if (error instanceof SignInLocked) {
    const wait = error.retryAfterSeconds === null ? 'up to 15 minutes' : `${minutesOf(error.retryAfterSeconds)} minute${minutesOf(error.retryAfterSeconds) === 1 ? '' : 's'}`;
    return (
      <Alert color="red" role="alert" icon={<IconClockPause aria-hidden />} title="Sign-in is paused for this email">
        <Stack gap="xs">
          <Text size="sm">
            There were too many wrong passwords, so to protect your account sign-in is paused. Try again in {wait}.
          </Text>
          <Anchor component={Link} to={`/portal/${tenantId}/reset-password`} size="sm">
            Or choose a new password by email
          </Anchor>
        </Stack>
      </Alert>
    );
  }
  if (error instanceof ApiProblem && error.status === 401) {
    return (
      <Alert color="red" role="alert" title="That did not work">
        The email or password is not right.
      </Alert>
    );
  }
  return <ProblemAlert error={error} />;
}
