import { ActionIcon, Anchor, Badge, Group, Loader, Stack, Table, Text, TextInput, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconQuestionMark } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { ProblemAlert } from '@/components/problem-alert';
import { useMoney } from '@/hooks/use-money';
import { usePageTitle } from '@/hooks/use-page-title';
import { useClubs } from '@/hooks/use-reference-data';
import { useWineryTime } from '@/hooks/use-winery-time';
import type { CustomerProfile } from '@/lib/api-client';
import { addDays } from '@/lib/datetime';
import { useOrdersOfDay, usePeopleOf, useReservationsOfDay } from '../api/today';

/**
 * Today, for the front desk: the winery's day in its own zone (whatever the browser's), its
 * reservations by start time and its orders, each a click from the person's profile. `?date=`
 * shows another day (and a shared link shows the same one).
 */
export function TodayPage() {
  const time = useWineryTime();
  const [params, setParams] = useSearchParams();
  const today = time.today();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : today;
  const go = (day: string) => setParams(day === today ? {} : { date: day });
  const reservations = useReservationsOfDay(date);
  const orders = useOrdersOfDay(date);
  const reservationItems = reservations.data?.pages.flatMap((page) => page.items) ?? [];
  const orderItems = orders.data?.pages.flatMap((page) => page.items) ?? [];
  const people = usePeopleOf([...reservationItems.map((r) => r.customerId), ...orderItems.map((o) => o.customerId)]);
  const money = useMoney();
  const heading = date === today ? 'Today' : time.date(date);
  usePageTitle(heading);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Title order={1}>{heading}</Title>
          <Text c="dimmed">
            {time.date(date)} · times in {time.zoneName} ({time.zone})
          </Text>
        </Stack>
        <Group gap="xs" align="flex-end">
          <ActionIcon variant="default" size="lg" aria-label="Previous day" onClick={() => go(addDays(date, -1))}>
            <IconChevronLeft size={18} aria-hidden />
          </ActionIcon>
          <TextInput type="date" label="Day" value={date} onChange={(event) => event.currentTarget.value && go(event.currentTarget.value)} />
          <ActionIcon variant="default" size="lg" aria-label="Next day" onClick={() => go(addDays(date, 1))}>
            <IconChevronRight size={18} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>

      <Stack component="section" aria-labelledby="reservations-heading">
        <Title order={2} size="h3" id="reservations-heading">
          Reservations
        </Title>
        {reservations.isPending && <Loader role="status" aria-label="Loading the reservations" />}
        {reservations.error && <ProblemAlert error={reservations.error} onRetry={() => void reservations.refetch()} />}
        {reservations.isSuccess && reservationItems.length === 0 && <Text>No reservations on this day.</Text>}
        {reservationItems.length > 0 && (
          <Table aria-label="Reservations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Time</Table.Th>
                <Table.Th scope="col">Guest</Table.Th>
                <Table.Th scope="col">Party</Table.Th>
                <Table.Th scope="col">Experience</Table.Th>
                <Table.Th scope="col">Certificate</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reservationItems.map((reservation) => {
                const person = people.get(reservation.customerId);
                const certificate = person?.certificates.find((c) => c.id === reservation.certificateId);
                return (
                  <Table.Tr key={reservation.id}>
                    <Table.Td>
                      <time dateTime={reservation.startsAt}>{time.time(reservation.startsAt)}</time>
                    </Table.Td>
                    <Table.Td>
                      <PersonCell customerId={reservation.customerId} person={person} />
                    </Table.Td>
                    <Table.Td>{reservation.partySize === 1 ? '1 guest' : `${reservation.partySize} guests`}</Table.Td>
                    <Table.Td>
                      {reservation.experience}
                      {reservation.note && (
                        <Text size="xs" c="dimmed">
                          {reservation.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{reservation.certificateId ? (certificate?.title ?? 'Certificate') : '—'}</Table.Td>
                    <Table.Td>
                      <Badge color={reservation.status === 'booked' ? '#2b7a3b' : 'gray.8'}>{reservation.status === 'booked' ? 'Booked' : 'Cancelled'}</Badge>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>

      <Stack component="section" aria-labelledby="orders-heading">
        <Title order={2} size="h3" id="orders-heading">
          Orders
        </Title>
        {orders.isPending && <Loader role="status" aria-label="Loading the orders" />}
        {orders.error && <ProblemAlert error={orders.error} onRetry={() => void orders.refetch()} />}
        {orders.isSuccess && orderItems.length === 0 && <Text>No orders on this day.</Text>}
        {orderItems.length > 0 && (
          <Table aria-label="Orders">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Placed</Table.Th>
                <Table.Th scope="col">Order</Table.Th>
                <Table.Th scope="col">Customer</Table.Th>
                <Table.Th scope="col">Fulfillment</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  Total
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orderItems.map((order) => (
                <Table.Tr key={order.id}>
                  <Table.Td>
                    <time dateTime={order.createdAt}>{time.time(order.createdAt)}</time>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/people/${order.customerId}?tab=orders`}>
                      Order #{order.orderNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <PersonCell customerId={order.customerId} person={people.get(order.customerId)} />
                  </Table.Td>
                  <Table.Td>{order.fulfillment === 'ship' ? 'Ship' : 'Pick up'}</Table.Td>
                  <Table.Td>
                    <Badge color={order.status === 'placed' ? '#2b7a3b' : 'gray.8'}>{order.status === 'placed' ? 'Placed' : 'Cancelled'}</Badge>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{money(order.totalCents)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}

/** The person's name (a link to the profile), the purple "?" of one who needs age verification, their club badge. */
function PersonCell({ customerId, person }: { customerId: string; person: CustomerProfile | undefined }) {
  const clubs = useClubs();
  const clubNames = (person?.memberships ?? [])
    .filter((m) => m.status !== 'cancelled')
    .map((m) => clubs.data?.items.find((c) => c.id === m.clubId)?.name)
    .filter((name): name is string => !!name);
  return (
    <Group gap={6} wrap="nowrap">
      <Anchor component={Link} to={`/people/${customerId}`}>
        {person ? `${person.firstName} ${person.lastName}` : 'Loading…'}
      </Anchor>
      {person?.needsAgeVerification && (
        <Tooltip label="Needs age verification">
          <ThemeIcon color="grape.8" radius="xl" size="sm" role="img" aria-label="Needs age verification">
            <IconQuestionMark size={12} aria-hidden />
          </ThemeIcon>
        </Tooltip>
      )}
      {clubNames.map((name) => (
        <Badge key={name} color="grape.8" size="sm">
          {name}
        </Badge>
      ))}
    </Group>
  );
}
