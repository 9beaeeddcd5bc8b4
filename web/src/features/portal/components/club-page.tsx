import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { PageLoader } from '@/components/page-loader';
import { ProblemAlert } from '@/components/problem-alert';
import type { Schemas } from '@/lib/api-client';
import { useMyCertificates, useMyClubOptions, useMyMemberships } from '../api/club';
import { bookedPauseText, MyMembershipActions } from './my-membership-actions';
import { formatDate, formatDateOrInstant, formatDayOf } from '../lib/format';
import { usePortalTenant } from '../lib/use-portal';
import { usePageTitle } from '@/hooks/use-page-title';

type Membership = Schemas['Membership'];
type Certificate = Schemas['Certificate'];

const STATUS: Record<Membership['status'], { label: string; color: string }> = {
  active: { label: 'Active', color: 'teal.9' },
  paused: { label: 'Paused', color: 'indigo.9' },
  cancelled: { label: 'Cancelled', color: 'gray.8' },
};

/** My club: memberships (by club and variant name) and certificates. */
export function ClubPage() {
  usePageTitle('My club', usePortalTenant().wineryName);
  const memberships = useMyMemberships();
  const certificates = useMyCertificates();
  // What the winery lets members do; without it the cards show no actions.
  const options = useMyClubOptions();
  return (
    <Stack gap="xl">
      <Title order={1}>My club</Title>
      <Stack component="section" aria-labelledby="memberships-title">
        <Title order={2} size="h3" id="memberships-title">
          Memberships
        </Title>
        {memberships.isPending ? (
          <PageLoader label="Loading memberships" />
        ) : memberships.error ? (
          <ProblemAlert error={memberships.error} onRetry={() => void memberships.refetch()} />
        ) : memberships.data.items.length === 0 ? (
          <Text c="dimmed">You are not a member of a club yet. Ask the winery about joining.</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {memberships.data.items.map((m) => (
              <MembershipCard key={m.id} membership={m} options={options.data} />
            ))}
          </SimpleGrid>
        )}
      </Stack>
      <Stack component="section" aria-labelledby="certificates-title">
        <Title order={2} size="h3" id="certificates-title">
          Certificates
        </Title>
        {certificates.isPending ? (
          <PageLoader label="Loading certificates" />
        ) : certificates.error ? (
          <ProblemAlert error={certificates.error} onRetry={() => void certificates.refetch()} />
        ) : certificates.data.items.length === 0 ? (
          <Text c="dimmed">No certificates.</Text>
        ) : (
          <Stack gap="xs">
            {(['available', 'redeemed', 'expired'] as const).flatMap((status) => certificates.data.items.filter((c) => c.status === status)).map((c) => (
              <CertificateRow key={c.id} certificate={c} />
            ))}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}

/**
 * The club's and variant's names (`clubName`, `variantName` on each membership); a membership
 * without them (an API that predates them) reads as a club membership, never as an id.
 */
const clubLabel = (m: Membership & { clubName?: string; variantName?: string | null }) => ({
  club: m.clubName ?? 'Club membership',
  variant: m.variantName ?? null,
});

function MembershipCard({ membership: m, options }: { membership: Membership; options: Schemas['MyClubOptions'] | undefined }) {
  const { timeZone } = usePortalTenant();
  const { club, variant } = clubLabel(m);
  const status = STATUS[m.status];
  return (
    <Card withBorder component="article" aria-label={`Membership: ${club}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
            {club}
          </Title>
          <Badge color={status.color} style={{ flexShrink: 0 }}>
            {status.label}
          </Badge>
        </Group>
        {variant && <Text size="sm">Option: {variant}</Text>}
        {m.status === 'paused' && m.pausedUntil && <Text size="sm">Paused until {formatDate(m.pausedUntil)}</Text>}
        {bookedPauseText(m) && <Text size="sm">{bookedPauseText(m)}</Text>}
        {m.gift && (
          <Text size="sm">
            A gift from {m.gift.giverName}, until {formatDate(m.gift.endsOn)}
          </Text>
        )}
        <Text size="sm">{m.shippingPreference === 'ship' ? 'Shipments are sent to your shipping address' : `Pick up at the winery${m.pickupLocation ? `: ${m.pickupLocation}` : ''}`}</Text>
        <Text size="sm" c="dimmed">
          Member since {formatDayOf(m.joinedAt, timeZone)}
          {m.cancelledAt ? ` · cancelled ${formatDayOf(m.cancelledAt, timeZone)}` : ''}
        </Text>
        {options && <MyMembershipActions membership={m} options={options} />}
      </Stack>
    </Card>
  );
}

const CERTIFICATE_STATUS: Record<Certificate['status'], { label: string; color: string }> = {
  available: { label: 'Available', color: 'teal.9' },
  redeemed: { label: 'Redeemed', color: 'gray.8' },
  expired: { label: 'Expired', color: 'red.9' },
};

function CertificateRow({ certificate: c }: { certificate: Certificate }) {
  const { timeZone } = usePortalTenant();
  const status = CERTIFICATE_STATUS[c.status];
  const when = c.status === 'redeemed' && c.redeemedAt ? `Redeemed ${formatDayOf(c.redeemedAt, timeZone)}` : c.expiresAt ? `${c.status === 'expired' ? 'Expired' : 'Use by'} ${formatDateOrInstant(c.expiresAt, timeZone)}` : null;
  return (
    <Card withBorder padding="sm" component="article" aria-label={`Certificate: ${c.title}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={500}>{c.title}</Text>
          {when && (
            <Text size="sm" c="dimmed">
              {when}
            </Text>
          )}
        </div>
        <Badge color={status.color} variant={c.status === 'available' ? 'filled' : 'outline'} style={{ flexShrink: 0 }}>
          {status.label}
        </Badge>
      </Group>
    </Card>
  );
}
