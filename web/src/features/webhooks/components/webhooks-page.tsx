import { Alert, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { usePageTitle } from '@/hooks/use-page-title';
import { useDeleteWebhook, useRotateSecret, useTestWebhook, useUpdateWebhook, useWebhooks, type Webhook } from '../api/webhooks';
import { DeliveriesTable } from './deliveries-table';
import { EndpointForm } from './endpoint-form';
import { eventsSummary } from './event-choices';
import { SecretDialog } from './secret-dialog';

/**
 * Settings → Webhooks (admins): the winery's other systems that hear about its people,
 * memberships, orders, reservations and bounced emails. Add an endpoint (its secret is shown
 * once), send it a test, read its deliveries and send one again, disable, enable, rotate its
 * secret, delete it.
 */
export function WebhooksPage() {
  usePageTitle('Webhooks', 'Settings');
  const webhooks = useWebhooks();
  const [secret, setSecret] = useState<{ value: string; rotated: boolean }>();
  const [openLog, setOpenLog] = useState<string>();

  return (
    <Stack maw={1100}>
      <Title order={1}>Webhooks</Title>
      <Text size="sm" maw={760}>
        Your email tool, accounting, fulfilment or point of sale can hear the moment a person, a membership, an order or a reservation changes. Each event is
        sent to the endpoint&apos;s URL, signed with its secret; a failed delivery is tried again for about three days.
      </Text>
      <Card withBorder>
        <Title order={2} size="h3" mb="sm">
          Add an endpoint
        </Title>
        <EndpointForm onCreated={(value) => setSecret({ value, rotated: false })} />
      </Card>
      {webhooks.isPending ? (
        <Loader role="status" aria-label="Loading the endpoints" />
      ) : webhooks.error ? (
        <ProblemAlert error={webhooks.error} onRetry={() => void webhooks.refetch()} />
      ) : webhooks.data.items.length === 0 ? (
        <Text>No endpoints yet.</Text>
      ) : (
        <Stack>
          <Title order={2} size="h3">
            Endpoints
          </Title>
          {webhooks.data.items.map((webhook) => (
            <EndpointCard
              key={webhook.id}
              webhook={webhook}
              logOpen={openLog === webhook.id}
              onToggleLog={() => setOpenLog((open) => (open === webhook.id ? undefined : webhook.id))}
              onSecret={(value) => setSecret({ value, rotated: true })}
              onReload={() => void webhooks.refetch()}
            />
          ))}
        </Stack>
      )}
      <SecretDialog secret={secret?.value} rotated={secret?.rotated ?? false} onClose={() => setSecret(undefined)} />
    </Stack>
  );
}

function EndpointCard({
  webhook,
  logOpen,
  onToggleLog,
  onSecret,
  onReload,
}: {
  webhook: Webhook;
  logOpen: boolean;
  onToggleLog: () => void;
  onSecret: (secret: string) => void;
  onReload: () => void;
}) {
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateSecret();
  const test = useTestWebhook();
  const enabled = webhook.status === 'enabled';
  const host = new URL(webhook.url).host;

  return (
    <Card withBorder component="section" aria-label={`Endpoint ${host}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Text fw={600} style={{ wordBreak: 'break-all' }}>
              {webhook.url}
            </Text>
            {webhook.description && <Text size="sm">{webhook.description}</Text>}
            <Text size="sm">Events: {eventsSummary(webhook.events)}</Text>
          </Stack>
          <Badge color={enabled ? '#2b7a3b' : 'gray.8'}>
            {enabled ? 'Enabled' : 'Disabled'}
          </Badge>
        </Group>
        {webhook.disabledReason === 'failing' && (
          <Alert color="red" title="Disabled after 5 days of failures">
            Every delivery failed for 5 days, so sending stopped and the winery&apos;s admins were emailed. Fix the receiving system, enable the endpoint, then
            send the failed deliveries again.
          </Alert>
        )}
        {enabled && webhook.failingSince && (
          <Text size="sm" c="red.9">
            Deliveries have been failing since the last success; they are tried again on schedule.
          </Text>
        )}
        <MutationError error={update.error ?? remove.error ?? rotate.error ?? test.error} onReload={onReload} />
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    disabled={!enabled}
                    loading={test.isPending}
                    onClick={() => test.mutate(webhook.id)}
                  >
                    Send test
                  </Button>
                  <Button size="xs" variant="default" aria-expanded={logOpen} onClick={onToggleLog}>
                    {logOpen ? 'Hide deliveries' : 'Deliveries'}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    loading={update.isPending}
                    onClick={() => update.mutate({ webhook, body: { status: enabled ? 'disabled' : 'enabled' } })}
                  >
                    {enabled ? 'Disable' : 'Enable'}
                  </Button>
                  <ConfirmButton
                    icon={false}
                    label={`New secret for ${host}`}
                    question="Make a new signing secret? The current one keeps signing beside it for 24 hours."
                    confirmLabel="Make a new secret"
                    pending={rotate.isPending}
                    onConfirm={() => rotate.mutate(webhook.id, { onSuccess: (rotated) => onSecret(rotated.secret) })}
                  >
                    New secret
                  </ConfirmButton>
                  <ConfirmButton
                    label={`Delete ${host}`}
                    question={`Delete the endpoint ${webhook.url}? Nothing more is sent to it.`}
                    pending={remove.isPending}
                    onConfirm={() => remove.mutate(webhook)}
                  />
                </Group>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        {test.isSuccess && (
          <Text size="sm" role="status">
            A test event is on its way; it shows in the deliveries.
          </Text>
        )}
        {logOpen && <DeliveriesTable webhook={webhook} />}
      </Stack>
    </Card>
  );
}
