import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck, IconLinkOff, IconMailForward } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { fieldErrorsOf } from '@/lib/field-errors';
import { ProblemAlert } from '@/components/problem-alert';
import { ApiProblem } from '@/lib/api-client';
import { useConfirmPassword, useRequestPasswordLink } from '../api/auth';
import { PASSWORD_RULE, checkPassword } from '../lib/format';
import { usePortalTenant } from '../lib/use-portal';
import { usePageTitle } from '@/hooks/use-page-title';

/**
 * `set-password` (the welcome email's link) and `reset-password` (the reset email's link, or,
 * without a token, the form that asks for one). Both links carry a one-time token for
 * `POST /portal/{tenantId}/password-reset/confirm`.
 */
export function PasswordPage({ purpose }: { purpose: 'welcome' | 'reset' }) {
  usePageTitle(purpose === 'welcome' ? 'Choose your password' : 'Reset your password', usePortalTenant().wineryName);
  const token = useSearchParams()[0].get('token');
  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} maw={480} mx="auto">
      {token ? <ChoosePassword token={token} purpose={purpose} /> : <RequestLink />}
    </Paper>
  );
}

function ChoosePassword({ token, purpose }: { token: string; purpose: 'welcome' | 'reset' }) {
  const { tenantId, wineryName } = usePortalTenant();
  const confirm = useConfirmPassword(tenantId);
  const form = useForm({
    initialValues: { newPassword: '', repeat: '' },
    validate: {
      newPassword: checkPassword,
      repeat: (value, values) => (value === values.newPassword ? null : 'The two passwords are not the same'),
    },
  });
  const linkProblem = confirm.error instanceof ApiProblem ? fieldErrorsOf(confirm.error).token : undefined;

  if (confirm.isSuccess) {
    return (
      <Stack>
        <Alert color="teal.9" variant="outline" role="status" icon={<IconCircleCheck aria-hidden />} title="Your password is set">
          Sign in with your email and the password you just chose.
        </Alert>
        <Button component={Link} to={`/portal/${tenantId}/sign-in`}>
          Sign in
        </Button>
      </Stack>
    );
  }
  if (linkProblem) {
    return (
      <Stack>
        <Title order={1} size="h2">
          This link no longer works
        </Title>
        <Alert color="red" role="alert" icon={<IconLinkOff aria-hidden />} title={linkProblem}>
          Each link works once: a welcome link within 7 days of the email, a reset link within an hour. Ask for a new one below and use the newest email.
        </Alert>
        <RequestLink embedded />
      </Stack>
    );
  }
  return (
    <form onSubmit={form.onSubmit((values) => confirm.mutate({ token, newPassword: values.newPassword }))} noValidate>
      <Stack>
        <Title order={1} size="h2">
          {purpose === 'welcome' ? 'Choose your password' : 'Choose a new password'}
        </Title>
        <Text>{purpose === 'welcome' ? `Welcome to ${wineryName}. Choose the password you will sign in with.` : 'Choose the password you will sign in with from now on.'}</Text>
        <Text size="sm" id="password-rule" fw={500}>
          {PASSWORD_RULE}
        </Text>
        <PasswordInput label="New password" autoComplete="new-password" required aria-describedby="password-rule" {...form.getInputProps('newPassword')} />
        <PasswordInput label="Repeat the new password" autoComplete="new-password" required {...form.getInputProps('repeat')} />
        {confirm.error && <ProblemAlert error={confirm.error} />}
        <Button type="submit" loading={confirm.isPending} fullWidth>
          Save password
        </Button>
      </Stack>
    </form>
  );
}

/** Asks for a reset link; the answer is the same whether or not the email has an account. */
function RequestLink({ embedded = false }: { embedded?: boolean }) {
  const { tenantId } = usePortalTenant();
  const request = useRequestPasswordLink(tenantId);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter your email address') },
  });
  if (request.isSuccess) {
    return (
      <Alert color="teal.9" variant="outline" role="status" icon={<IconMailForward aria-hidden />} title="Check your email">
        If {request.variables} has an account, we sent a link to it. The link works once, within an hour.
      </Alert>
    );
  }
  return (
    <form onSubmit={form.onSubmit((values) => request.mutate(values.email.trim()))} noValidate>
      <Stack>
        {embedded ? (
          <Title order={2} size="h3">
            Get a new link
          </Title>
        ) : (
          <>
            <Title order={1} size="h2">
              Reset your password
            </Title>
            <Text>Enter the email of your account: we will send you a link to choose a new password.</Text>
          </>
        )}
        <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
        {request.error && <ProblemAlert error={request.error} />}
        <Button type="submit" loading={request.isPending} fullWidth>
          Send me a link
        </Button>
        {!embedded && (
          <Anchor component={Link} to={`/portal/${tenantId}/sign-in`} size="sm">
            Back to sign in
          </Anchor>
        )}
      </Stack>
    </form>
  );
}
