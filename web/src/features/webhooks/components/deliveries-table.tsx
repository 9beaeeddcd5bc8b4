import { Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { useWineryTime } from '@/hooks/use-winery-time';
import { useDeliveries, useRetryDelivery, type Webhook, type WebhookDelivery } from '../api/webhooks';
import { eventLabel } from './event-choices';

const STATUS: Record<WebhookDelivery['status'], { label: string; color: string }> = {
  pending: { label: 'Waiting', color: '#a63c06' },
  succeeded: { label: 'Delivered', color: '#2b7a3b' },
  failed: { label: 'Failed', color: 'red.9' },
};

/** An endpoint's delivery log, newest first: what was sent, how it went, when it is tried again; each can be sent again. */
export function DeliveriesTable({ webhook }: { webhook: Webhook }) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const deliveries = useDeliveries(webhook.id, cursor);
  const retry = useRetryDelivery();
  const time = useWineryTime();
  const host = new URL(webhook.url).host;

  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Deliveries to {host}
      </Title>
      <MutationError error={retry.error} />
      {deliveries.isPending ? (
        <Loader role="status" aria-label="Loading the deliveries" />
      ) : deliveries.error ? (
        <ProblemAlert error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.items.length === 0 ? (
        <Text size="sm">Nothing sent yet. Send a test to see one here.</Text>
      ) : (
        <Table aria-label={`Deliveries to ${host}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Event</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>Last attempt</Table.Th>
              <Table.Th>Next attempt</Table.Th>
              <Table.Th>Happened</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.data.items.map((delivery) => (
              <Table.Tr key={delivery.id}>
                <Table.Td>{eventLabel(delivery.eventType)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS[delivery.status].color}>
                    {STATUS[delivery.status].label}
                  </Badge>
                </Table.Td>
                <Table.Td>{delivery.attempts}</Table.Td>
                <Table.Td>{outcome(delivery)}</Table.Td>
                <Table.Td>{delivery.status === 'pending' && delivery.nextAttemptAt ? time.dateTime(delivery.nextAttemptAt) : '—'}</Table.Td>
                <Table.Td>{time.dateTime(delivery.createdAt)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={`Send again: ${eventLabel(delivery.eventType)}`}
                    loading={retry.isPending && retry.variables?.deliveryId === delivery.id}
                    disabled={webhook.status !== 'enabled'}
                    onClick={() => retry.mutate({ webhookId: webhook.id, deliveryId: delivery.id })}
                  >
                    Send again
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="xs">
        {cursors.length > 1 && (
          <Button size="xs" variant="default" onClick={() => setCursors((list) => list.slice(0, -1))}>
            Newer
          </Button>
        )}
        {deliveries.data?.nextCursor && (
          <Button size="xs" variant="default" onClick={() => setCursors((list) => [...list, deliveries.data!.nextCursor!])}>
            Older
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** The last attempt in words: the endpoint's own answer is never shown, only its status. */
function outcome(delivery: WebhookDelivery): string {
  if (delivery.attempts === 0) return 'Not tried yet';
  if (delivery.lastError) return delivery.lastError;
  return delivery.lastStatusCode ? `Answered ${delivery.lastStatusCode}` : '—';
}
