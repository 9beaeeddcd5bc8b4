import { Badge, Button, Card, Checkbox, Group, Modal, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { addressLines } from '@/components/address-fields';
import { AddressForm as SharedAddressForm } from '@/components/address-form';
import { fieldErrorsOf } from '@/lib/field-errors';
import { PageLoader } from '@/components/page-loader';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import type { Address, CustomerProfile } from '@/lib/api-client';
import { useCreateMyAddress, useDeleteMyAddress, useUpdateMyAddress } from '../api/addresses';
import { useChangePassword, useMe, useUpdateMe, type UpdateMeBody } from '../api/me';
import { PASSWORD_RULE, checkPassword } from '../lib/format';
import { usePortalSession, usePortalTenant } from '../lib/use-portal';
import { usePageTitle } from '@/hooks/use-page-title';
import { useDraftForm } from '@/hooks/use-draft-form';

/** My account: who I am and how the winery may contact me, my addresses, my password. */
export function AccountPage() {
  usePageTitle('My account', usePortalTenant().wineryName);
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  if (me.error) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  return (
    <Stack gap="xl">
      <Title order={1}>My account</Title>
      <Details key={me.data.version} me={me.data} />
      <Addresses me={me.data} />
      <ChangePassword email={me.data.email} />
    </Stack>
  );
}

const PERMISSIONS = [
  ['email', 'Email'],
  ['sms', 'Text messages'],
  ['phone', 'Phone calls'],
  ['mail', 'Post'],
] as const;

function Details({ me }: { me: CustomerProfile }) {
  const update = useUpdateMe();
  const initial = { phone: me.phone ?? '', permissions: me.permissions };
  const draft = useDraftForm({ initialValues: initial, draftKey: `portal:${me.id}:details`, label: 'Your details' });
  const form = draft.form;
  const body: UpdateMeBody = {};
  if (form.values.phone.trim() !== initial.phone) body.phone = form.values.phone.trim() || null;
  if (JSON.stringify(form.values.permissions) !== JSON.stringify(initial.permissions)) body.permissions = form.values.permissions;
  const save = draft.onSubmit(() =>
    update.mutateAsync(body).then(() => notifications.show({ message: 'Your changes are saved.', color: 'teal.9', closeButtonProps: { 'aria-label': 'Close' } })),
  );
  return (
    <Card withBorder component="section" aria-labelledby="details-title" p={{ base: 'sm', sm: 'lg' }}>
      <form onSubmit={save} noValidate>
        <Stack>
          <Title order={2} size="h3" id="details-title">
            Your details
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <div>
              <Text size="sm" c="dimmed">
                Name
              </Text>
              <Text>
                {me.firstName} {me.lastName}
              </Text>
            </div>
            <div>
              <Text size="sm" c="dimmed">
                Email
              </Text>
              <Text style={{ overflowWrap: 'anywhere' }}>{me.email}</Text>
            </div>
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            To change your name or email, contact the winery.
          </Text>
          <TextInput label="Phone" type="tel" autoComplete="tel" {...form.getInputProps('phone')} />
          <Checkbox.Group label="The winery may contact me about offers and events by" {...form.getInputProps('permissions')} value={PERMISSIONS.filter(([key]) => form.values.permissions[key]).map(([key]) => key)} onChange={(keys) => form.setFieldValue('permissions', Object.fromEntries(PERMISSIONS.map(([key]) => [key, keys.includes(key)])) as CustomerProfile['permissions'])}>
            <Stack gap="xs" mt="xs">
              {PERMISSIONS.map(([key, label]) => (
                <Checkbox key={key} value={key} label={label} />
              ))}
            </Stack>
          </Checkbox.Group>
          <MutationError error={update.error} />
          <Group>
            <Button type="submit" disabled={Object.keys(body).length === 0 || draft.saving} loading={draft.saving}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Billing and shipping addresses, the defaults first; the member adds, edits and removes their own. */
function Addresses({ me }: { me: CustomerProfile }) {
  const [editing, setEditing] = useState<Address | 'new' | undefined>();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Stack component="section" aria-labelledby="addresses-title">
      <Group justify="space-between">
        <Title order={2} size="h3" id="addresses-title">
          Addresses
        </Title>
        <Button variant="default" onClick={() => setEditing('new')}>
          Add address
        </Button>
      </Group>
      {(['billing', 'shipping'] as const).map((kind) => {
        const addresses = me.addresses.filter((a) => a.kind === kind).sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
        const title = kind === 'billing' ? 'Billing' : 'Shipping';
        return (
          <Stack key={kind} gap="xs">
            <Title order={3} size="h4">
              {title}
            </Title>
            {addresses.length === 0 && <Text c="dimmed">No {kind} address yet.</Text>}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {addresses.map((address) => (
                <Card key={address.id} withBorder component="article" aria-label={`${title} address ${address.line1 ?? ''}`.trim()}>
                  <Stack gap={2}>
                    {address.isDefault && (
                      <Badge color="grape.8" w="fit-content">
                        Default {kind}
                      </Badge>
                    )}
                    {addressLines(address, { email: false }).map((line) => (
                      <Text key={line} size="sm">
                        {line}
                      </Text>
                    ))}
                  </Stack>
                  <Group mt="sm" gap="xs">
                    <Button size="xs" variant="default" onClick={() => setEditing(address)} aria-label={`Edit ${kind} address ${address.line1 ?? ''}`.trim()}>
                      Edit
                    </Button>
                    {/* A default address cannot go (the API says 409): another one becomes the default first. */}
                    {!address.isDefault && <RemoveAddress address={address} />}
                  </Group>
                </Card>
              ))}
            </SimpleGrid>
          </Stack>
        );
      })}
      <Modal opened={editing !== undefined} onClose={() => setEditing(undefined)} title={editing === 'new' ? 'Add address' : 'Edit address'} size="lg" fullScreen={phone} closeButtonProps={{ 'aria-label': 'Close' }}>
        {editing !== undefined && <AddressForm address={editing === 'new' ? undefined : editing} onDone={() => setEditing(undefined)} />}
      </Modal>
    </Stack>
  );
}

/** Asks once more before removing: a tap on a phone is easily a mistake. */
function RemoveAddress({ address }: { address: Address }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteMyAddress();
  const label = `${address.kind} address ${address.line1 ?? ''}`.trim();
  return (
    <>
      {confirming ? (
        <>
          <Button size="xs" color="red.9" loading={remove.isPending} onClick={() => remove.mutate(address)} aria-label={`Yes, remove ${label}`}>
            Yes, remove
          </Button>
          <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </>
      ) : (
        <Button size="xs" variant="default" onClick={() => setConfirming(true)} aria-label={`Remove ${label}`}>
          Remove
        </Button>
      )}
      {remove.error && <MutationError error={remove.error} />}
    </>
  );
}

/** The member's side of the shared address form: the portal requires a postal address. */
function AddressForm({ address, onDone }: { address?: Address; onDone: () => void }) {
  const create = useCreateMyAddress();
  const update = useUpdateMyAddress();
  return (
    <SharedAddressForm
      address={address}
      required={PORTAL_REQUIRED}
      label={address ? 'Your address' : 'Your new address'}
      error={(address ? update : create).error}
      onCancel={onDone}
      onSave={(change) => (change.mode === 'create' ? create.mutateAsync(change.body) : update.mutateAsync({ address: change.address, body: change.body })).then(onDone)}
    />
  );
}

const PORTAL_REQUIRED: ReadonlySet<string> = new Set(['line1', 'city', 'postalCode', 'country']);

/** The current password, then the new one; the rule is said before typing. */
function ChangePassword({ email }: { email: string }) {
  const { tenantId } = usePortalTenant();
  const session = usePortalSession();
  const change = useChangePassword(tenantId, email);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '' },
    validate: { currentPassword: (value) => (value ? null : 'Enter your current password'), newPassword: checkPassword },
  });
  // Staff in a member's portal do not know the password and must not change it.
  if (session?.via === 'staff') return null;
  const submit = form.onSubmit((values) =>
    change.mutate(values, {
      onSuccess: () => {
        form.reset();
        notifications.show({ message: 'Your password is changed.', color: 'teal.9', closeButtonProps: { 'aria-label': 'Close' } });
      },
      onError: (error) => form.setErrors(fieldErrorsOf(error)),
    }),
  );
  return (
    <Card withBorder component="section" aria-labelledby="password-title" p={{ base: 'sm', sm: 'lg' }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="password-title">
            Password
          </Title>
          <Text size="sm" id="new-password-rule">
            {PASSWORD_RULE} Changing it signs you out everywhere else.
          </Text>
          <PasswordInput label="Current password" autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <PasswordInput label="New password" autoComplete="new-password" required aria-describedby="new-password-rule" {...form.getInputProps('newPassword')} />
          {change.error && !fieldErrorsOf(change.error).currentPassword && <ProblemAlert error={change.error} />}
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
