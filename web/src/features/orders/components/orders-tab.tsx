import { Anchor, Badge, Button, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ProblemAlert } from '@/components/problem-alert';
import type { ProfileTabProps } from '@/lib/profile-tabs';
import { useCustomerOrders } from '../api/orders';
import { useMoney } from '@/hooks/use-money';
import { OrderDetails } from './order-details';
import { useWineryTime } from '@/hooks/use-winery-time';

/** The Orders tab: the person's order history; an order opens its details, receipt and cancel. */
export function OrdersTab({ customer, canWrite }: ProfileTabProps) {
  const orders = useCustomerOrders(customer.id);
  const money = useMoney();
  const time = useWineryTime();
  const [openId, setOpenId] = useState<string>();
  const items = orders.data?.pages.flatMap((page) => page.items) ?? [];
  const open = items.find((o) => o.id === openId);

  return (
    <Stack component="section" aria-labelledby="orders-heading">
      <Title order={2} size="h3" id="orders-heading">
        Order history
      </Title>
      {orders.isPending && <Loader role="status" aria-label="Loading the orders" />}
      {orders.error && <ProblemAlert error={orders.error} onRetry={() => void orders.refetch()} />}
      {orders.isSuccess && items.length === 0 && <Text>No orders yet.</Text>}
      {items.length > 0 && (
        <Table highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Order</Table.Th>
              <Table.Th>Placed</Table.Th>
              <Table.Th>Fulfillment</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Total</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((order) => (
              <Table.Tr key={order.id}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => setOpenId(order.id)}>
                    Order #{order.orderNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>{time.dateTime(order.createdAt)}</Table.Td>
                <Table.Td>{order.fulfillment === 'ship' ? 'Ship' : 'Pick up'}</Table.Td>
                <Table.Td>
                  <Badge color={order.status === 'placed' ? '#2b7a3b' : 'gray.8'}>{order.status}</Badge>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{money(order.totalCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {orders.hasNextPage && (
        <Button variant="default" w="fit-content" onClick={() => void orders.fetchNextPage()} loading={orders.isFetchingNextPage}>
          Load more
        </Button>
      )}
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={open !== undefined} onClose={() => setOpenId(undefined)} title={open ? `Order #${open.orderNumber}` : ''} size="lg">
        {open && <OrderDetails orderId={open.id} canWrite={canWrite} />}
      </Modal>
    </Stack>
  );
}
