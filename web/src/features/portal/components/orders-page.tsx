import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { PageLoader } from '@/components/page-loader';
import { ProblemAlert } from '@/components/problem-alert';
import { ApiProblem, type Schemas } from '@/lib/api-client';
import { useMyCellar, useMyOrders, useDownloadReceipt } from '../api/orders';
import { formatDayOf, formatMoney } from '../lib/format';
import { usePortalTenant } from '../lib/use-portal';
import { usePageTitle } from '@/hooks/use-page-title';

type Order = Schemas['Order'];

/** My orders with their receipts, and my cellar when the winery keeps one. */
export function OrdersPage() {
  usePageTitle('My orders', usePortalTenant().wineryName);
  return (
    <Stack gap="xl">
      <Title order={1}>My orders</Title>
      <Orders />
      <Cellar />
    </Stack>
  );
}

function Orders() {
  const orders = useMyOrders();
  const receipt = useDownloadReceipt();
  if (orders.isPending) return <PageLoader label="Loading orders" />;
  if (orders.error) return <ProblemAlert error={orders.error} onRetry={() => void orders.refetch()} />;
  const items = orders.data.pages.flatMap((page) => page.items);
  return (
    <Stack component="section" aria-label="Orders">
      {items.length === 0 && <Text c="dimmed">No orders yet.</Text>}
      {receipt.error && <ProblemAlert error={receipt.error} />}
      {items.map((order) => (
        <OrderCard key={order.id} order={order} onReceipt={() => receipt.mutate(order)} opening={receipt.isPending && receipt.variables?.id === order.id} />
      ))}
      {orders.hasNextPage && (
        <Button variant="default" onClick={() => void orders.fetchNextPage()} loading={orders.isFetchingNextPage}>
          Show older orders
        </Button>
      )}
    </Stack>
  );
}

function OrderCard({ order, onReceipt, opening }: { order: Order; onReceipt: () => void; opening: boolean }) {
  const { currency, timeZone } = usePortalTenant();
  const money = (cents: number) => formatMoney(cents, currency);
  return (
    <Card withBorder component="article" aria-label={`Order ${order.orderNumber}`} p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4">
            Order {order.orderNumber}
          </Title>
          {order.status === 'cancelled' ? <Badge color="gray.8">Cancelled</Badge> : <Badge color="teal.9">{order.fulfillment === 'ship' ? 'To ship' : 'Pickup'}</Badge>}
        </Group>
        <Text size="sm" c="dimmed">
          {formatDayOf(order.createdAt, timeZone)}
        </Text>
        <Table.ScrollContainer minWidth={300}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Wine</Table.Th>
                <Table.Th ta="right">Qty</Table.Th>
                <Table.Th ta="right">Total</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {order.lines.map((line) => (
                <Table.Tr key={line.sku}>
                  <Table.Td>{line.name}</Table.Td>
                  <Table.Td ta="right">{line.quantity}</Table.Td>
                  <Table.Td ta="right">{money(line.lineTotalCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {order.discountCents > 0 && <Text size="sm">Club discount ({order.discountPercent}%): −{money(order.discountCents)}</Text>}
        {order.creditAppliedCents > 0 && <Text size="sm">Credit used: −{money(order.creditAppliedCents)}</Text>}
        <Group justify="space-between">
          <Text fw={700}>Total {money(order.totalCents)}</Text>
          <Button size="xs" variant="default" onClick={onReceipt} loading={opening} aria-label={`Receipt for order ${order.orderNumber} (PDF)`}>
            Receipt (PDF)
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Hidden entirely when the winery does not use the cellar (403 feature-disabled). */
function Cellar() {
  const cellar = useMyCellar();
  const disabled = cellar.error instanceof ApiProblem && cellar.error.status === 403;
  if (cellar.isPending || disabled) return null;
  return (
    <Stack component="section" aria-labelledby="cellar-title">
      <Title order={2} size="h3" id="cellar-title">
        My cellar
      </Title>
      {cellar.error ? (
        <ProblemAlert error={cellar.error} onRetry={() => void cellar.refetch()} />
      ) : (
        <CellarList items={cellar.data.pages.flatMap((page) => page.items)} more={cellar.hasNextPage ? () => void cellar.fetchNextPage() : undefined} />
      )}
    </Stack>
  );
}

function CellarList({ items, more }: { items: Schemas['CellarItem'][]; more?: () => void }) {
  if (items.length === 0) return <Text c="dimmed">Nothing in your cellar at the moment.</Text>;
  return (
    <Stack gap="xs">
      {items.map((item) => (
        <Card key={item.id} withBorder padding="sm" component="article" aria-label={item.name}>
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={500}>
                {item.name}
                {item.vintage ? ` ${item.vintage}` : ''}
              </Text>
              {item.location && (
                <Text size="sm" c="dimmed">
                  {item.location}
                </Text>
              )}
            </div>
            <Text fw={500}>{item.quantity} bottles</Text>
          </Group>
        </Card>
      ))}
      {more && (
        <Button variant="default" onClick={more}>
          Show more
        </Button>
      )}
    </Stack>
  );
}
