import { Badge, Button, Group, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconExternalLink, IconQuestionMark } from '@tabler/icons-react';
import { ProblemAlert } from '@/components/problem-alert';
import { useCustomerClasses } from '@/hooks/use-reference-data';
import type { CustomerProfile } from '@/lib/api-client';
import { useMoney } from '@/hooks/use-money';
import { useWineryTime } from '@/hooks/use-winery-time';
import { countOf } from '@/lib/plural';
import { useCreatePortalSession } from '../api/customer';
import type { ProfileActions } from '@/lib/profile-tabs';

/** Who this is at a glance, and what staff do next: a new order, a reservation, their portal. */
export function ProfileHeader({
  customer,
  canWrite,
  tenantId,
  actions: Actions,
}: {
  customer: CustomerProfile;
  canWrite: boolean;
  tenantId: string;
  actions?: ProfileActions;
}) {
  const classes = useCustomerClasses();
  const money = useMoney();
  const time = useWineryTime();
  const portal = useCreatePortalSession(customer.id);
  const className = classes.data?.items.find((c) => c.id === customer.effectiveClassId)?.name;

  const openPortal = () => {
    // Opened now, in the click, so no pop-up blocker stops it; pointed at the portal once the token is there.
    const tab = window.open('', '_blank');
    portal.mutate(undefined, {
      onSuccess: ({ token }) => {
        if (!tab) return;
        tab.opener = null;
        tab.location.href = `/portal/${encodeURIComponent(tenantId)}/?session=${encodeURIComponent(token)}`;
      },
      onError: () => tab?.close(),
    });
  };

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={1}>
              {customer.firstName} {customer.lastName}
            </Title>
            {customer.needsAgeVerification && (
              <Tooltip label="Needs age verification">
                <ThemeIcon color="grape.8" radius="xl" size="md" role="img" aria-label="Needs age verification">
                  <IconQuestionMark size={16} aria-hidden />
                </ThemeIcon>
              </Tooltip>
            )}
          </Group>
          <Group gap="sm">
            <Text fw={500}>#{customer.customerNumber}</Text>
            {className && <Badge color="gray.8">{className}</Badge>}
            {customer.isClubMember && <Badge color="grape.8">Club member</Badge>}
            <Text>Credit: {money(customer.creditBalanceCents)}</Text>
          </Group>
          {/* What they are worth: placed orders, moved by each order as it is placed (by a cancel a moment later). */}
          <Text size="sm">
            {customer.stats.orderCount === 0
              ? 'No orders yet'
              : `${countOf(customer.stats.orderCount, 'order', 'orders')} · lifetime value ${money(customer.stats.lifetimeValueCents)} · first ${time.dayOf(customer.stats.firstOrderAt!)} · last ${time.dayOf(customer.stats.lastOrderAt!)}`}
          </Text>
        </Stack>
        {canWrite && (
          <Group gap="xs">
            {Actions && <Actions customer={customer} />}
            <Button variant="default" onClick={openPortal} loading={portal.isPending} rightSection={<IconExternalLink size={16} aria-hidden />}>
              Login
            </Button>
          </Group>
        )}
      </Group>
      {portal.error && <ProblemAlert error={portal.error} />}
    </Stack>
  );
}
