import { ActionIcon, Badge, Button, Card, Fieldset, Group, Modal, NumberInput, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { AddressFields, compactAddress, emptyAddress, type AddressValues } from '@/components/address-fields';
import { fieldErrorsOf } from '@/components/field-errors';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import type { Address, Card as CardOnFile, CustomerProfile } from '@/lib/api-client';
import { useAddEmail, useCreateAddress, useDeleteAddress, useMakeAddressDefault, useRemoveEmail, useUpdateCard, type CreateAddressBody } from '../api/addresses';
import { useUpdateCustomer } from '../api/customer';
import type { ProfileTabProps } from './profile-page';

/** The Addresses tab: billing and shipping addresses, special instructions, cards on file, additional emails. */
export function AddressesTab({ customer, canWrite, reload }: ProfileTabProps) {
  return (
    <Stack maw={900} gap="xl">
      <AddressList customer={customer} canWrite={canWrite} />
      <SpecialInstructions key={customer.version} customer={customer} canWrite={canWrite} reload={reload} />
      <CardsOnFile customer={customer} canWrite={canWrite} reload={reload} />
      <AdditionalEmails customer={customer} canWrite={canWrite} />
    </Stack>
  );
}

function addressLines(address: Address): string[] {
  const name = [address.firstName, address.lastName].filter(Boolean).join(' ');
  const cityLine = [address.city, address.region, address.postalCode].filter(Boolean).join(', ');
  return [name, address.company, address.line1, address.line2, [cityLine, address.country].filter(Boolean).join(' '), address.phone, address.email].filter((line): line is string => !!line);
}

function AddressList({ customer, canWrite }: { customer: CustomerProfile; canWrite: boolean }) {
  const makeDefault = useMakeAddressDefault(customer.id);
  const remove = useDeleteAddress(customer.id);
  const [adding, setAdding] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          Addresses
        </Title>
        {canWrite && (
          <Button variant="default" onClick={() => setAdding(true)}>
            Add address
          </Button>
        )}
      </Group>
      <MutationError error={makeDefault.error ?? remove.error} />
      {(['billing', 'shipping'] as const).map((kind) => {
        const addresses = customer.addresses.filter((a) => a.kind === kind);
        return (
          <Stack key={kind} gap="xs">
            <Title order={3} size="h4">
              {kind === 'billing' ? 'Billing' : 'Shipping'}
            </Title>
            {addresses.length === 0 && <Text c="dimmed">No {kind} address.</Text>}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {addresses.map((address) => (
                <Card key={address.id} withBorder component="article" aria-label={`${kind} address ${address.line1 ?? ''}`.trim()}>
                  <Stack gap={2}>
                    {address.isDefault && (
                      <Badge color="grape.8" w="fit-content">
                        Default
                      </Badge>
                    )}
                    {addressLines(address).map((line) => (
                      <Text key={line} size="sm">
                        {line}
                      </Text>
                    ))}
                  </Stack>
                  {canWrite && !address.isDefault && (
                    <Group mt="sm" gap="xs">
                      <Button size="xs" variant="default" onClick={() => makeDefault.mutate({ addressId: address.id, version: address.version })}>
                        Make default
                      </Button>
                      <Button size="xs" variant="subtle" color="red.9" onClick={() => remove.mutate({ addressId: address.id, version: address.version })}>
                        Delete
                      </Button>
                    </Group>
                  )}
                </Card>
              ))}
            </SimpleGrid>
          </Stack>
        );
      })}
      <Modal opened={adding} onClose={() => setAdding(false)} title="Add address" size="lg">
        <AddAddressForm customerId={customer.id} onDone={() => setAdding(false)} />
      </Modal>
    </Stack>
  );
}

function AddAddressForm({ customerId, onDone }: { customerId: string; onDone: () => void }) {
  const create = useCreateAddress(customerId);
  const form = useForm<{ kind: 'billing' | 'shipping'; isDefault: boolean; address: AddressValues }>({ initialValues: { kind: 'shipping', isDefault: false, address: emptyAddress() } });
  const submit = form.onSubmit((values) =>
    create.mutate({ kind: values.kind, isDefault: values.isDefault, ...compactAddress(values.address) } as CreateAddressBody, {
      onSuccess: onDone,
      // The API names fields at the top level (`line1`); the form holds them under `address.`.
      onError: (error) => form.setErrors(Object.fromEntries(Object.entries(fieldErrorsOf(error)).map(([path, message]) => [`address.${path}`, message]))),
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {create.error && <ProblemAlert error={create.error} />}
        <SegmentedControl
          aria-label="Kind"
          data={[
            { value: 'shipping', label: 'Shipping' },
            { value: 'billing', label: 'Billing' },
          ]}
          {...form.getInputProps('kind')}
        />
        <AddressFields form={form} path="address" required={new Set()} />
        <Group>
          <Button type="submit" loading={create.isPending}>
            Save address
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SpecialInstructions({ customer, canWrite, reload }: ProfileTabProps) {
  const update = useUpdateCustomer(customer.id);
  const form = useForm({ initialValues: { specialInstructions: customer.specialInstructions ?? '' } });
  const changed = form.values.specialInstructions.trim() !== (customer.specialInstructions ?? '');
  const save = form.onSubmit(({ specialInstructions }) =>
    update.mutate({ version: customer.version, body: { specialInstructions: specialInstructions.trim() || null } }, { onError: (error) => form.setErrors(fieldErrorsOf(error)) }),
  );
  return (
    <form onSubmit={save} noValidate>
      <Stack gap="xs">
        <MutationError error={update.error} onReload={reload} />
        <Textarea label="Special instructions" description="Copied onto every order" autosize minRows={2} readOnly={!canWrite} {...form.getInputProps('specialInstructions')} />
        {canWrite && (
          <Button type="submit" w="fit-content" variant="default" disabled={!changed} loading={update.isPending}>
            Save instructions
          </Button>
        )}
      </Stack>
    </form>
  );
}

function CardsOnFile({ customer, canWrite }: ProfileTabProps) {
  const [editing, setEditing] = useState<CardOnFile | undefined>();
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        Cards on file
      </Title>
      {customer.cards.length === 0 ? (
        <Text c="dimmed">No cards on file.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Card</Table.Th>
              <Table.Th scope="col">Cardholder</Table.Th>
              <Table.Th scope="col">Expires</Table.Th>
              {canWrite && <Table.Th scope="col">Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {customer.cards.map((card) => (
              <Table.Tr key={card.id}>
                <Table.Td>
                  {card.brand} •••• {card.last4} {card.isDefault && <Badge color="grape.8">Default</Badge>}
                </Table.Td>
                <Table.Td>{card.cardholderName}</Table.Td>
                <Table.Td>
                  {String(card.expMonth).padStart(2, '0')}/{card.expYear} {card.expired && <Badge color="red.9">Expired</Badge>}
                </Table.Td>
                {canWrite && (
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setEditing(card)} aria-label={`Update card ending ${card.last4}`}>
                      Update
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={!!editing} onClose={() => setEditing(undefined)} title="Update card">
        {editing && <UpdateCardForm customerId={customer.id} card={editing} onDone={() => setEditing(undefined)} />}
      </Modal>
    </Stack>
  );
}

function UpdateCardForm({ customerId, card, onDone }: { customerId: string; card: CardOnFile; onDone: () => void }) {
  const update = useUpdateCard(customerId);
  const form = useForm({ initialValues: { expMonth: card.expMonth, expYear: card.expYear, cardholderName: card.cardholderName } });
  const submit = form.onSubmit((body) =>
    update.mutate({ cardId: card.id, version: card.version, body }, { onSuccess: onDone, onError: (error) => form.setErrors(fieldErrorsOf(error)) }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {card.brand} •••• {card.last4}. The card number never passes through here; a new card is added through the payment processor.
        </Text>
        <MutationError error={update.error} onReload={onDone} />
        <Group grow>
          <NumberInput label="Expiry month" min={1} max={12} {...form.getInputProps('expMonth')} />
          <NumberInput label="Expiry year" min={2000} {...form.getInputProps('expYear')} />
        </Group>
        <TextInput label="Cardholder name" {...form.getInputProps('cardholderName')} />
        <Button type="submit" loading={update.isPending}>
          Save card
        </Button>
      </Stack>
    </form>
  );
}

function AdditionalEmails({ customer, canWrite }: { customer: CustomerProfile; canWrite: boolean }) {
  const add = useAddEmail(customer.id);
  const remove = useRemoveEmail(customer.id);
  const form = useForm({ initialValues: { email: '', label: '' } });
  const submit = form.onSubmit(({ email, label }) =>
    add.mutate({ email: email.trim(), ...(label.trim() ? { label: label.trim() } : {}) }, { onSuccess: () => form.reset(), onError: (error) => form.setErrors(fieldErrorsOf(error)) }),
  );
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        Additional emails
      </Title>
      <Text size="sm" c="dimmed">
        These addresses also receive the account's emails.
      </Text>
      <MutationError error={remove.error} />
      {customer.emails.length === 0 && <Text c="dimmed">None.</Text>}
      {customer.emails.map((email) => (
        <Group key={email.id} gap="xs">
          <Text>{email.email}</Text>
          {email.label && <Badge variant="light" color="gray.8">{email.label}</Badge>}
          {canWrite && (
            <ActionIcon variant="subtle" color="red.9" aria-label={`Remove ${email.email}`} onClick={() => remove.mutate(email.id)}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
      {canWrite && (
        <form onSubmit={submit} noValidate>
          <Fieldset legend="Add an email">
            {add.error && <ProblemAlert error={add.error} />}
            <Group align="end">
              <TextInput label="Additional email" type="email" {...form.getInputProps('email')} />
              <TextInput label="Label" placeholder="e.g. Partner" {...form.getInputProps('label')} />
              <Button type="submit" variant="default" loading={add.isPending}>
                Add email
              </Button>
            </Group>
          </Fieldset>
        </form>
      )}
    </Stack>
  );
}
