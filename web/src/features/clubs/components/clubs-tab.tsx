import { Button, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ProblemAlert } from '@/components/problem-alert';
import { useClubs } from '@/hooks/use-reference-data';
import type { ProfileTabProps } from '@/lib/profile-tabs';
import { AddMembershipForm } from './add-membership-form';
import { Certificates } from './certificates';
import { MembershipCard } from './membership-card';

/** The Clubs tab: the person's memberships (add, pause, resume, switch, ship/pickup, cancel) and reservation certificates. */
export function ClubsTab({ customer, canWrite, reload }: ProfileTabProps) {
  const clubs = useClubs();
  const [adding, setAdding] = useState(false);
  if (clubs.isPending) return <Loader role="status" aria-label="Loading the clubs" />;
  if (clubs.error) return <ProblemAlert error={clubs.error} onRetry={() => void clubs.refetch()} />;
  const clubName = (clubId: string) => clubs.data.items.find((c) => c.id === clubId)?.name ?? 'Unknown club';
  // Current memberships first; cancelled ones are history.
  const memberships = [...customer.memberships].sort((a, b) => Number(a.status === 'cancelled') - Number(b.status === 'cancelled') || b.joinedAt.localeCompare(a.joinedAt));

  return (
    <Stack gap="xl">
      <Stack component="section" aria-labelledby="memberships-heading">
        <Group justify="space-between">
          <Title order={2} size="h3" id="memberships-heading">
            Memberships
          </Title>
          {canWrite && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
              Add Club
            </Button>
          )}
        </Group>
        {memberships.length === 0 && <Text>Not a member of any club.</Text>}
        {memberships.map((membership) => (
          <MembershipCard key={membership.id} customerId={customer.id} membership={membership} clubs={clubs.data.items} canWrite={canWrite} reload={reload} />
        ))}
      </Stack>
      <Certificates customer={customer} clubName={clubName} canWrite={canWrite} />
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={adding} onClose={() => setAdding(false)} title="Add club">
        <AddMembershipForm customer={customer} clubs={clubs.data.items} onDone={() => setAdding(false)} />
      </Modal>
    </Stack>
  );
}
