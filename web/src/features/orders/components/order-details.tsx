import { Badge, Button, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { useCancelOrder, useDownloadReceipt, useOrder } from '../api/orders';
import { useMoney } from '@/hooks/use-money';
import { useWineryTime } from '@/hooks/use-winery-time';

/** One order as it was placed: lines, discount, credit applied, total; its receipt; cancel. */
export function OrderDetails({ orderId, canWrite }: { orderId: string; canWrite: boolean }) {
  const order = useOrder(orderId);
  const receipt = useDownloadReceipt();
  const cancel = useCancelOrder();
  const money = useMoney();
  const time = useWineryTime();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  if (order.isPending) return <Loader role="status" aria-label="Loading the order" />;
  if (order.error) return <ProblemAlert error={order.error} onRetry={() => void order.refetch()} />;
  const o = order.data;
  const address = o.shippingAddress;

  return (
    <Stack>
      <Group gap="xs">
        <Badge color={o.status === 'placed' ? '#2b7a3b' : 'gray.8'}>{o.status}</Badge>
        <Text size="sm">Placed {time.dateTime(o.createdAt)}</Text>
      </Group>
      {o.status === 'cancelled' && o.cancelledAt && (
        <Text size="sm">
          Cancelled {time.dateTime(o.cancelledAt)}
          {o.cancelReason ? `: ${o.cancelReason}` : ''}
        </Text>
      )}
      <Table aria-label="Order lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>SKU</Table.Th>
            <Table.Th>Wine</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Qty</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Unit price</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Line total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {o.lines.map((line, index) => (
            <Table.Tr key={`${line.sku}-${index}`}>
              <Table.Td>{line.sku}</Table.Td>
              <Table.Td>{line.name}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{line.quantity}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{money(line.unitPriceCents)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{money(line.lineTotalCents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Table variant="vertical" aria-label="Order totals" maw={360} ml="auto">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th>Subtotal</Table.Th>
            <Table.Td style={{ textAlign: 'right' }}>{money(o.subtotalCents)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Discount ({o.discountPercent}%)</Table.Th>
            <Table.Td style={{ textAlign: 'right' }}>−{money(o.discountCents)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Credit applied</Table.Th>
            <Table.Td style={{ textAlign: 'right' }}>−{money(o.creditAppliedCents)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Total</Table.Th>
            <Table.Td style={{ textAlign: 'right' }} fw={700}>
              {money(o.totalCents)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="sm">
        {o.fulfillment === 'pickup'
          ? 'Pick up at the winery'
          : `Ship to ${address ? [address.firstName, address.lastName, address.line1, address.city, address.region, address.postalCode, address.country].filter(Boolean).join(', ') : 'no address'}`}
      </Text>
      {o.specialInstructions && <Text size="sm">Special instructions: {o.specialInstructions}</Text>}
      {o.note && <Text size="sm">Note: {o.note}</Text>}
      <MutationError error={receipt.error} />
      <MutationError error={cancel.error} />
      <Group>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} loading={receipt.isPending} onClick={() => receipt.mutate({ orderId: o.id, orderNumber: o.orderNumber })}>
          Receipt (PDF)
        </Button>
        {canWrite && o.status === 'placed' && !confirming && (
          <Button variant="light" color="red.9" onClick={() => setConfirming(true)}>
            Cancel order
          </Button>
        )}
      </Group>
      {confirming && (
        <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-red-3)', borderRadius: 'var(--mantine-radius-sm)' }}>
          <Text>Cancel this order? Any credit applied goes back to the balance.</Text>
          <TextInput label="Reason" value={reason} onChange={(event) => setReason(event.currentTarget.value)} />
          <Group>
            <Button color="red.9" loading={cancel.isPending} onClick={() => cancel.mutate({ orderId: o.id, reason: reason.trim() || undefined }, { onSuccess: () => setConfirming(false) })}>
              Confirm cancel
            </Button>
            <Button variant="default" onClick={() => setConfirming(false)}>
              Keep order
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
