import { Badge, Button, Group, Loader, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { ProblemAlert } from '@/components/problem-alert';
import type { Schemas } from '@/lib/api-client';
import type { ProfileTabProps } from '@/lib/profile-tabs';
import { useEmailLogs } from '../api/email-logs';
import { useWineryTime } from '@/hooks/use-winery-time';

const STATUS: Record<Schemas['EmailLog']['status'], { color: string; meaning: string }> = {
  queued: { color: 'gray.8', meaning: 'Waiting to be sent' },
  sending: { color: 'blue.9', meaning: 'Being handed to the mail service' },
  sent: { color: 'indigo.9', meaning: 'Accepted by the mail service' },
  delivered: { color: '#2b7a3b', meaning: "Delivered to the recipient's mail server" },
  bounced: { color: 'red.9', meaning: 'The address refused it' },
  complained: { color: '#a63c06', meaning: 'The recipient marked it as spam' },
  failed: { color: 'red.9', meaning: 'Could not be sent' },
};

/** The Emails tab: the email log, with each email's delivery status. */
export function EmailsTab({ customer }: ProfileTabProps) {
  const logs = useEmailLogs(customer.id);
  const time = useWineryTime();
  const items = logs.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          Email log
        </Title>
        <Button variant="subtle" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void logs.refetch()} loading={logs.isRefetching}>
          Refresh
        </Button>
      </Group>
      {logs.isPending && <Loader role="status" aria-label="Loading the email log" />}
      {logs.error && <ProblemAlert error={logs.error} onRetry={() => void logs.refetch()} />}
      {logs.isSuccess && items.length === 0 && <Text>No emails sent yet.</Text>}
      {items.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Sent</Table.Th>
              <Table.Th>Subject</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((log) => (
              <Table.Tr key={log.id}>
                <Table.Td>
                  <time dateTime={log.createdAt}>{time.dateTime(log.createdAt)}</time>
                </Table.Td>
                <Table.Td>
                  {log.subject}
                  <Text size="xs" c="dimmed">
                    {log.template}
                  </Text>
                </Table.Td>
                <Table.Td>{log.to.join(', ')}</Table.Td>
                <Table.Td>
                  <Tooltip label={STATUS[log.status].meaning}>
                    <Badge color={STATUS[log.status].color}>{log.status}</Badge>
                  </Tooltip>
                  {log.error && (
                    <Text size="xs" c="red.9">
                      {log.error}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {logs.hasNextPage && (
        <Button variant="default" w="fit-content" onClick={() => void logs.fetchNextPage()} loading={logs.isFetchingNextPage}>
          Load more
        </Button>
      )}
    </Stack>
  );
}
