import { ActionIcon, Button, Checkbox, Fieldset, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { fieldErrorsOf } from '@/lib/field-errors';
import { MutationError } from '@/components/problem-alert';
import type { CustomerProfile } from '@/lib/api-client';
import { useCreateOrder, type CreateOrderBody } from '../api/orders';
import { useMoney } from '@/hooks/use-money';
import { toCents } from '@/lib/money';

interface LineValues {
  sku: string;
  name: string;
  quantity: number | string;
  unitPrice: string;
}

interface OrderValues {
  lines: LineValues[];
  fulfillment: 'ship' | 'pickup';
  shippingAddressId: string | null;
  applyCredit: boolean;
  credit: string;
  note: string;
}

const emptyLine = (): LineValues => ({ sku: '', name: '', quantity: 1, unitPrice: '' });

export interface OrderDialogProps {
  readonly customer: CustomerProfile;
  readonly opened: boolean;
  readonly onClose: () => void;
}

/** A new order for the person: wines, pick up or ship (to one of their addresses), stored credit to apply. */
export function NewOrderDialog({ customer, opened, onClose }: OrderDialogProps) {
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title={`New order for ${customer.firstName} ${customer.lastName}`} size="xl">
      {/* Mounted only while open: each opening starts a fresh form and a fresh idempotency key. */}
      {opened && <NewOrderForm customer={customer} onClose={onClose} />}
    </Modal>
  );
}

function NewOrderForm({ customer, onClose }: { customer: CustomerProfile; onClose: () => void }) {
  const create = useCreateOrder();
  const money = useMoney();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const shippingAddresses = customer.addresses.filter((a) => a.kind === 'shipping');
  const form = useForm<OrderValues>({
    initialValues: {
      lines: [emptyLine()],
      fulfillment: shippingAddresses.length > 0 ? 'ship' : 'pickup',
      shippingAddressId: customer.defaultShippingAddressId ?? shippingAddresses[0]?.id ?? null,
      applyCredit: false,
      credit: '',
      note: '',
    },
    validate: {
      lines: {
        sku: (value) => (value.trim() ? null : 'SKU?'),
        name: (value) => (value.trim() ? null : 'Which wine?'),
        quantity: (value) => (Number.isInteger(Number(value)) && Number(value) >= 1 ? null : 'At least 1'),
        unitPrice: (value) => (toCents(value) !== undefined && toCents(value)! >= 0 ? null : 'A price such as 24.00'),
      },
      shippingAddressId: (value, values) => (values.fulfillment === 'ship' && !value ? 'Pick the address to ship to' : null),
      credit: (value, values) => {
        if (!values.applyCredit) return null;
        const cents = toCents(value);
        if (cents === undefined || cents <= 0) return 'An amount such as 10.00';
        return cents > customer.creditBalanceCents ? `At most ${money(customer.creditBalanceCents)}` : null;
      },
    },
  });
  const v = form.values;
  const subtotal = v.lines.reduce((sum, line) => sum + (toCents(line.unitPrice) ?? 0) * (Number(line.quantity) || 0), 0);

  const submit = form.onSubmit((values) => {
    const body: CreateOrderBody = {
      customerId: customer.id,
      lines: values.lines.map((line) => ({ sku: line.sku.trim(), name: line.name.trim(), quantity: Number(line.quantity), unitPriceCents: toCents(line.unitPrice)! })),
      fulfillment: values.fulfillment,
      ...(values.fulfillment === 'ship' && values.shippingAddressId ? { shippingAddressId: values.shippingAddressId } : {}),
      ...(values.applyCredit ? { applyCreditCents: toCents(values.credit)! } : {}),
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    };
    create.mutate(
      { body, idempotencyKey },
      {
        onSuccess: (order) => {
          notifications.show({ closeButtonProps: { 'aria-label': 'Close' }, color: 'green', message: `Order #${order.orderNumber} placed: ${money(order.totalCents)}.` });
          onClose();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(error)),
      },
    );
  });

  const addressLabel = (a: CustomerProfile['addresses'][number]) =>
    [[a.firstName, a.lastName].filter(Boolean).join(' '), a.line1, a.city, a.region, a.postalCode].filter(Boolean).join(', ') || 'Address';

  return (
    <form onSubmit={submit} noValidate aria-label="New order">
      <Stack>
        <MutationError error={create.error} />
        <Fieldset legend="Wines">
          <Stack gap="xs">
            {v.lines.map((_, index) => (
              <Group key={index} align="flex-start" gap="xs" wrap="nowrap" role="group" aria-label={`Line ${index + 1}`}>
                <TextInput label="SKU" w={120} required {...form.getInputProps(`lines.${index}.sku`)} />
                <TextInput label="Name" style={{ flex: 1 }} required {...form.getInputProps(`lines.${index}.name`)} />
                <NumberInput label="Qty" w={80} min={1} allowDecimal={false} required {...form.getInputProps(`lines.${index}.quantity`)} />
                <TextInput label="Unit price" w={110} inputMode="decimal" required {...form.getInputProps(`lines.${index}.unitPrice`)} />
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  mt={28}
                  aria-label={`Remove line ${index + 1}`}
                  disabled={v.lines.length === 1}
                  onClick={() => form.removeListItem('lines', index)}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Button variant="subtle" w="fit-content" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('lines', emptyLine())}>
              Add line
            </Button>
            <Text>Subtotal: {money(subtotal)} (the class discount is applied when the order is placed)</Text>
          </Stack>
        </Fieldset>
        <Group align="flex-start">
          <Select
            label="Fulfillment"
            allowDeselect={false}
            data={[
              { value: 'ship', label: 'Ship' },
              { value: 'pickup', label: 'Pick up' },
            ]}
            {...form.getInputProps('fulfillment')}
          />
          {v.fulfillment === 'ship' && (
            <Select
              label="Ship to"
              style={{ flex: 1 }}
              data={shippingAddresses.map((a) => ({ value: a.id, label: addressLabel(a) }))}
              nothingFoundMessage="No shipping address: add one on the Addresses tab"
              {...form.getInputProps('shippingAddressId')}
            />
          )}
        </Group>
        {customer.creditBalanceCents > 0 && (
          <Group align="flex-end">
            <Checkbox label={`Apply stored credit (${money(customer.creditBalanceCents)} available)`} {...form.getInputProps('applyCredit', { type: 'checkbox' })} />
            {v.applyCredit && <TextInput label="Credit to apply" inputMode="decimal" w={140} {...form.getInputProps('credit')} />}
          </Group>
        )}
        <Textarea label="Note" autosize minRows={2} {...form.getInputProps('note')} />
        <Group>
          <Button type="submit" color="#2b7a3b" loading={create.isPending}>
            Place order
          </Button>
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
