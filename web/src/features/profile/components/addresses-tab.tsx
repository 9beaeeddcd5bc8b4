import { Badge, Button, Card, Fieldset, Group, Modal, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { AddressForm, type AddressSave } from '@/components/address-form';
import { addressLines } from '@/components/address-fields';
import { ConfirmButton } from '@/components/confirm-button';
import { FormActions } from '@/components/form-actions';
import { LimitedTextarea } from '@/components/limited-textarea';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { useDraftForm } from '@/hooks/use-draft-form';
import { useWineryTime } from '@/hooks/use-winery-time';
import type { Address, Card as CardOnFile, CustomerProfile } from '@/lib/api-client';
import type { ProfileTabProps } from '@/lib/profile-tabs';
import { useAddEmail, useCreateAddress, useDeleteAddress, useDeleteCard, useRemoveEmail, useUpdateAddress, useUpdateCard, type CreateAddressBody } from '../api/addresses';
import { useUpdateCustomer } from '../api/customer';
import { AddCard } from './add-card';

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

const fullName = (customer: CustomerProfile) => `${customer.firstName} ${customer.lastName}`;

function AddressList({ customer, canWrite }: { customer: CustomerProfile; canWrite: boolean }) {
  const create = useCreateAddress(customer.id);
  const update = useUpdateAddress(customer.id);
  const remove = useDeleteAddress(customer.id);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string>();
  const save = (change: AddressSave) =>
    change.mode === 'create'
      ? create.mutateAsync(change.body as CreateAddressBody).then(() => setAdding(false))
      : update.mutateAsync({ addressId: change.address.id, version: change.address.version, body: change.body }).then(() => setEditing(undefined));
  const closeAdd = () => {
    setAdding(false);
    create.reset();
  };
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
      <MutationError error={(!editing && update.error) || remove.error} />
      {(['billing', 'shipping'] as const).map((kind) => {
        const addresses = customer.addresses.filter((a) => a.kind === kind);
        return (
          <Stack key={kind} gap="xs">
            <Title order={3} size="h4">
              {kind === 'billing' ? 'Billing' : 'Shipping'}
            </Title>
            {addresses.length === 0 && <Text c="dimmed">No {kind} address.</Text>}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {addresses.map((address) =>
                editing === address.id ? (
                  <Card key={address.id} withBorder>
                    <AddressForm
                      address={address}
                      required={new Set()}
                      onSave={save}
                      onCancel={() => {
                        setEditing(undefined);
                        update.reset();
                      }}
                      error={update.error}
                      label={`Address · ${fullName(customer)}`}
                    />
                  </Card>
                ) : (
                  <AddressCard
                    key={address.id}
                    address={address}
                    canWrite={canWrite}
                    onEdit={() => {
                      update.reset();
                      setEditing(address.id);
                    }}
                    onMakeDefault={() => update.mutate({ addressId: address.id, version: address.version, body: { isDefault: true } })}
                    onDelete={() => remove.mutate({ addressId: address.id, version: address.version })}
                    deleting={remove.isPending && remove.variables?.addressId === address.id}
                  />
                ),
              )}
            </SimpleGrid>
          </Stack>
        );
      })}
      <Modal opened={adding} onClose={closeAdd} title="Add address" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
        {adding && <AddressForm required={new Set()} onSave={save} onCancel={closeAdd} error={create.error} label={`New address · ${fullName(customer)}`} />}
      </Modal>
    </Stack>
  );
}

function AddressCard({
  address,
  canWrite,
  onEdit,
  onMakeDefault,
  onDelete,
  deleting,
}: {
  address: Address;
  canWrite: boolean;
  onEdit: () => void;
  onMakeDefault: () => void;
  onDelete: () => void;
  deleting: boolean;
}) {
  const name = `${address.kind} address ${address.line1 ?? ''}`.trim();
  return (
    <Card withBorder component="article" aria-label={name}>
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
      {canWrite && (
        <Group mt="sm" gap="xs">
          <Button size="xs" variant="default" onClick={onEdit} aria-label={`Edit ${name}`}>
            Edit
          </Button>
          {/* A default address cannot go (409): another one becomes the default first. */}
          {!address.isDefault && (
            <>
              <Button size="xs" variant="default" onClick={onMakeDefault}>
                Make default
              </Button>
              <ConfirmButton label={`Delete ${name}`} question={`Delete this ${address.kind} address?`} onConfirm={onDelete} pending={deleting} icon={false}>
                Delete
              </ConfirmButton>
            </>
          )}
        </Group>
      )}
    </Card>
  );
}

function SpecialInstructions({ customer, canWrite, reload }: ProfileTabProps) {
  const update = useUpdateCustomer(customer.id);
  const draft = useDraftForm({
    initialValues: { specialInstructions: customer.specialInstructions ?? '' },
    draftKey: `profile:${customer.id}:special-instructions`,
    label: `Special instructions · ${fullName(customer)}`,
  });
  const save = draft.onSubmit(({ specialInstructions }) => update.mutateAsync({ version: customer.version, body: { specialInstructions: specialInstructions.trim() || null } }));
  const value = draft.form.values.specialInstructions;
  return (
    <form onSubmit={save} noValidate aria-label="Special instructions">
      <Stack gap="xs">
        <MutationError error={update.error} onReload={reload} />
        {canWrite ? (
          <LimitedTextarea label="Special instructions" max={2000} noun="Special instructions" autosize minRows={2} {...draft.form.getInputProps('specialInstructions')} value={value} />
        ) : (
          <Stack gap={2}>
            <Text fw={500} size="sm">
              Special instructions
            </Text>
            <Text size="sm">{customer.specialInstructions || 'None.'}</Text>
          </Stack>
        )}
        <Text size="xs" c="dimmed">
          Copied onto every order.
        </Text>
        {canWrite && <FormActions saveLabel="Save instructions" saving={draft.saving} dirty={draft.dirty} onCancel={draft.discard} cancelLabel="Discard" />}
      </Stack>
    </form>
  );
}

const expiry = (card: CardOnFile) => `${String(card.expMonth).padStart(2, '0')}/${card.expYear}`;

function CardsOnFile({ customer, canWrite, reload }: ProfileTabProps) {
  const [editing, setEditing] = useState<CardOnFile | undefined>();
  const update = useUpdateCard(customer.id);
  const remove = useDeleteCard(customer.id);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Cards on file
        </Title>
        {canWrite && <AddCard customer={customer} />}
      </Group>
      <MutationError error={update.error ?? remove.error} onReload={reload} />
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
                  {expiry(card)} {card.expired && <Badge color="red.9">Expired</Badge>}
                </Table.Td>
                {canWrite && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing(card)} aria-label={`Update card ending ${card.last4}`}>
                        Update
                      </Button>
                      {!card.isDefault && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`Make default: card ending ${card.last4}`}
                          loading={update.isPending && update.variables?.cardId === card.id}
                          onClick={() => update.mutate({ cardId: card.id, version: card.version, body: { isDefault: true } })}
                        >
                          Make default
                        </Button>
                      )}
                      <ConfirmButton
                        label={`Delete card ending ${card.last4}`}
                        question={`Delete the ${card.brand} card ending ${card.last4}? It can only come back by adding it again.`}
                        onConfirm={() => remove.mutate({ cardId: card.id, version: card.version })}
                        pending={remove.isPending && remove.variables?.cardId === card.id}
                      />
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={!!editing} onClose={() => setEditing(undefined)} title="Update card" closeButtonProps={{ 'aria-label': 'Close' }}>
        {editing && <UpdateCardForm customer={customer} card={editing} onDone={() => setEditing(undefined)} />}
      </Modal>
    </Stack>
  );
}

/** This month or later: a card that has already expired cannot be the renewed one (the API refuses it too). */
function expiryError(month: number, year: number, today: string): string | null {
  const [thisYear, thisMonth] = today.split('-').map(Number) as [number, number];
  return year < thisYear || (year === thisYear && month < thisMonth) ? 'This expiry is in the past: enter the renewed card’s expiry' : null;
}

function UpdateCardForm({ customer, card, onDone }: { customer: CustomerProfile; card: CardOnFile; onDone: () => void }) {
  const update = useUpdateCard(customer.id);
  const time = useWineryTime();
  const draft = useDraftForm({
    initialValues: { expMonth: card.expMonth as number | string, expYear: card.expYear as number | string, cardholderName: card.cardholderName },
    label: `Card ending ${card.last4} · ${fullName(customer)}`,
    validate: {
      expMonth: (value) => (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 12 ? null : 'A month from 1 to 12'),
      expYear: (value, values) => (Number.isInteger(Number(value)) ? expiryError(Number(values.expMonth), Number(value), time.today()) : 'A year such as 2029'),
      cardholderName: (value) => (value.trim() ? null : 'Enter the cardholder’s name'),
    },
  });
  const submit = draft.onSubmit((values) =>
    update
      .mutateAsync({ cardId: card.id, version: card.version, body: { expMonth: Number(values.expMonth), expYear: Number(values.expYear), cardholderName: values.cardholderName.trim() } })
      .then(onDone),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Update card">
      <Stack>
        <Text size="sm">
          {card.brand} •••• {card.last4}. The card number never passes through here: a new card is added with “Add card”.
        </Text>
        <MutationError error={update.error} onReload={onDone} />
        <Group grow align="flex-start">
          <NumberInput label="Expiry month" min={1} max={12} allowDecimal={false} {...draft.form.getInputProps('expMonth')} />
          <NumberInput label="Expiry year" allowDecimal={false} {...draft.form.getInputProps('expYear')} />
        </Group>
        <TextInput label="Cardholder name" {...draft.form.getInputProps('cardholderName')} />
        <FormActions saveLabel="Save card" saving={draft.saving} dirty={draft.dirty} onCancel={onDone} alwaysCancel />
      </Stack>
    </form>
  );
}

function AdditionalEmails({ customer, canWrite }: { customer: CustomerProfile; canWrite: boolean }) {
  const add = useAddEmail(customer.id);
  const remove = useRemoveEmail(customer.id);
  const draft = useDraftForm({
    initialValues: { email: '', label: '' },
    draftKey: `profile:${customer.id}:additional-email`,
    label: `Additional email · ${fullName(customer)}`,
    validate: { email: (value) => (value.trim() ? null : 'Enter an email address') },
  });
  const submit = draft.onSubmit(({ email, label }) =>
    add.mutateAsync({ email: email.trim(), ...(label.trim() ? { label: label.trim() } : {}) }).then(() => draft.form.setValues({ email: '', label: '' })),
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
          {email.label && (
            <Badge variant="light" color="gray">
              {email.label}
            </Badge>
          )}
          {canWrite && (
            <ConfirmButton
              label={`Remove ${email.email}`}
              question={`Stop sending the account's emails to ${email.email}?`}
              confirmLabel="Remove"
              onConfirm={() => remove.mutate(email.id)}
              pending={remove.isPending && remove.variables === email.id}
            />
          )}
        </Group>
      ))}
      {canWrite && (
        <form onSubmit={submit} noValidate aria-label="Add an email">
          <Fieldset legend="Add an email">
            {add.error && <ProblemAlert error={add.error} />}
            <Group align="flex-start">
              <TextInput label="Additional email" type="email" {...draft.form.getInputProps('email')} />
              <TextInput label="Label" placeholder="e.g. Partner" {...draft.form.getInputProps('label')} />
              <Button type="submit" variant="default" mt={25} loading={draft.saving} disabled={draft.saving}>
                Add email
              </Button>
            </Group>
          </Fieldset>
        </form>
      )}
    </Stack>
  );
}
