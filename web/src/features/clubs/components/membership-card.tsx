import { Badge, Blockquote, Button, Card, Group, Modal, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconGift, IconPlayerPause } from '@tabler/icons-react';
import { useState } from 'react';
import { fieldErrorsOf } from '@/lib/field-errors';
import { MutationError } from '@/components/problem-alert';
import type { Schemas } from '@/lib/api-client';
import { useResumeMembership, useSwitchMembership, useUpdateMembership } from '../api/clubs';
import { SHIPPING_OPTIONS } from './add-membership-form';
import { CancelMembership } from './cancel-dialog';
import { useOwnerOptions } from './owner-options';
import { PauseForm } from './pause-form';
import { useSettings } from '@/hooks/use-reference-data';
import { useWineryTime } from '@/hooks/use-winery-time';

type Membership = Schemas['Membership'];
type Club = Schemas['Club'];

const STATUS_COLOR: Record<Membership['status'], string> = { active: '#2b7a3b', paused: '#8a5a00', cancelled: 'gray.8' };


interface CardProps {
  readonly customerId: string;
  readonly membership: Membership;
  readonly clubs: readonly Club[];
  readonly canWrite: boolean;
  readonly reload: () => void;
}

/** One membership: what it is, and (for staff) pause / resume, shipping and owner, switch, cancel. */
export function MembershipCard({ customerId, membership, clubs, canWrite, reload }: CardProps) {
  const club = clubs.find((c) => c.id === membership.clubId);
  const clubName = club?.name ?? 'Unknown club';
  const variant = club?.variants.find((v) => v.id === membership.variantId);
  const open = canWrite && membership.status !== 'cancelled';
  const time = useWineryTime();
  const reasons = useSettings().data?.clubReasons;
  // A reason shows by the winery's current title (a renamed reason reads as renamed), else as given.
  const holdTitle = (m: Membership) => reasons?.hold.find((r) => r.key === m.pauseReasonKey)?.title ?? m.pauseReason;
  const cancelTitle = (m: Membership) => (m.cancelReasonKey && m.cancelReasonKey !== 'other' ? (reasons?.cancel.find((r) => r.key === m.cancelReasonKey)?.title ?? m.cancelReason) : m.cancelReason);
  return (
    <Card withBorder component="article" aria-label={`${clubName} membership`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={3} size="h4">
                {clubName}
              </Title>
              <Badge color={STATUS_COLOR[membership.status]}>{membership.status}</Badge>
            </Group>
            {variant && <Text size="sm">Variant: {variant.name}</Text>}
            <Text size="sm">Joined {time.dayOf(membership.joinedAt)}</Text>
            {membership.status === 'paused' && membership.pausedUntil && (
              <Text size="sm">
                Paused {membership.pausedFrom ? `from ${time.date(membership.pausedFrom)} ` : ''}until {time.date(membership.pausedUntil)}
                {membership.pauseReason ? ` · ${holdTitle(membership)}` : ''}
              </Text>
            )}
            {membership.scheduledPause && (
              <Text size="sm">
                Pause booked: {time.date(membership.scheduledPause.from)} to {time.date(membership.scheduledPause.until)}
                {membership.pauseReason ? ` · ${holdTitle(membership)}` : ''}
              </Text>
            )}
            {membership.pauseNote && membership.status !== 'cancelled' && (
              <Text size="sm" c="dimmed">
                Pause note: {membership.pauseNote}
              </Text>
            )}
            {membership.gift && <GiftLine gift={membership.gift} />}
            {membership.status === 'cancelled' && (
              <Text size="sm">
                Cancelled {membership.cancelledAt ? time.dayOf(membership.cancelledAt) : ''}
                {membership.cancelReason ? `: ${cancelTitle(membership)}` : ''}
                {membership.cancelNote ? ` (${membership.cancelNote})` : ''}
              </Text>
            )}
            {!open && (
              <Text size="sm">
                Shipping: {membership.shippingPreference === 'pickup' ? `pick up at ${membership.pickupLocation ?? '?'}` : 'ship'}
              </Text>
            )}
          </Stack>
          {open && <CancelMembership customerId={customerId} membership={membership} clubName={clubName} />}
        </Group>
        {open && (
          <>
            <PauseOrResume customerId={customerId} membership={membership} />
            <MembershipSettings key={membership.version} customerId={customerId} membership={membership} club={club} reload={reload} />
            <SwitchClub customerId={customerId} membership={membership} clubs={clubs} />
          </>
        )}
      </Stack>
    </Card>
  );
}

/** A gift: who gave it, until when, and their message. */
function GiftLine({ gift }: { gift: NonNullable<Membership['gift']> }) {
  const time = useWineryTime();
  return (
    <Stack gap={4}>
      <Group gap={6}>
        <IconGift size={16} aria-hidden />
        <Text size="sm">
          A gift from {gift.giverName}, until {time.date(gift.endsOn)}
        </Text>
      </Group>
      {gift.message && (
        <Blockquote p="xs" fz="sm" aria-label="Gift message">
          {gift.message}
        </Blockquote>
      )}
    </Stack>
  );
}

/** Pause (now or booked for later) or move its end; resume a paused membership, or drop a booked pause. */
function PauseOrResume({ customerId, membership }: { customerId: string; membership: Membership }) {
  const resume = useResumeMembership(customerId);
  const [opened, setOpened] = useState(false);
  const close = () => setOpened(false);
  return (
    <Stack gap="xs">
      <MutationError error={resume.error} />
      <Group gap="xs">
        <Button variant="light" w="fit-content" leftSection={<IconPlayerPause size={16} aria-hidden />} onClick={() => setOpened(true)}>
          {membership.status === 'paused' ? 'Change the pause' : membership.scheduledPause ? 'Change the booked pause' : 'Pause'}
        </Button>
        {(membership.status === 'paused' || membership.scheduledPause) && (
          <Button variant="default" w="fit-content" loading={resume.isPending} onClick={() => resume.mutate(membership.id)}>
            {membership.status === 'paused' ? 'Resume' : 'Drop the booked pause'}
          </Button>
        )}
      </Group>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={close} title={`Pause ${membership.clubName}`}>
        {opened && <PauseForm customerId={customerId} membership={membership} onDone={close} onBack={close} backLabel="Cancel" />}
      </Modal>
    </Stack>
  );
}

interface SettingsValues {
  shippingPreference: 'ship' | 'pickup';
  pickupLocation: string;
  ownerId: string | null;
  variantId: string | null;
}

/** Shipping preference, owner and variant: one PATCH of what changed, with If-Match. */
function MembershipSettings({ customerId, membership, club, reload }: { customerId: string; membership: Membership; club: Club | undefined; reload: () => void }) {
  const update = useUpdateMembership(customerId);
  const owners = useOwnerOptions([membership.ownerId]);
  const initial: SettingsValues = {
    shippingPreference: membership.shippingPreference,
    pickupLocation: membership.pickupLocation ?? '',
    ownerId: membership.ownerId,
    variantId: membership.variantId,
  };
  const form = useForm<SettingsValues>({
    initialValues: initial,
    validate: { pickupLocation: (value, values) => (values.shippingPreference === 'pickup' && value.trim() === '' ? 'Where do they pick up?' : null) },
  });
  const v = form.values;
  const body = {
    ...(v.shippingPreference !== initial.shippingPreference ? { shippingPreference: v.shippingPreference } : {}),
    ...(v.pickupLocation !== initial.pickupLocation || v.shippingPreference !== initial.shippingPreference
      ? { pickupLocation: v.shippingPreference === 'pickup' ? v.pickupLocation.trim() : null }
      : {}),
    ...(v.ownerId !== initial.ownerId ? { ownerId: v.ownerId } : {}),
    ...(v.variantId !== initial.variantId && v.variantId ? { variantId: v.variantId } : {}),
  };
  const dirty = Object.keys(body).length > 0;
  const save = form.onSubmit(() =>
    update.mutate({ membershipId: membership.id, version: membership.version, body }, { onError: (error) => form.setErrors(fieldErrorsOf(error)) }),
  );
  return (
    <form onSubmit={save} noValidate aria-label="Membership settings">
      <Stack gap="xs">
        <MutationError error={update.error} onReload={reload} />
        <Group align="flex-end" gap="xs">
          <Select label="Shipping" data={SHIPPING_OPTIONS} allowDeselect={false} w={140} {...form.getInputProps('shippingPreference')} />
          {v.shippingPreference === 'pickup' && <TextInput label="Pickup location" {...form.getInputProps('pickupLocation')} />}
          {club && club.variants.length > 0 && (
            <Select label="Variant" allowDeselect={false} data={club.variants.map((x) => ({ value: x.id, label: x.name }))} {...form.getInputProps('variantId')} />
          )}
          <Select label="Owner" clearable data={owners} w={200} {...form.getInputProps('ownerId')} />
          <Button type="submit" variant="default" disabled={!dirty} loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SwitchClub({ customerId, membership, clubs }: { customerId: string; membership: Membership; clubs: readonly Club[] }) {
  const switchClub = useSwitchMembership(customerId);
  const [opened, setOpened] = useState(false);
  const form = useForm<{ clubId: string | null; variantId: string | null }>({
    initialValues: { clubId: null, variantId: null },
    validate: {
      clubId: (value) => (value ? null : 'Pick the new club'),
      variantId: (value, values) => (value || !clubs.find((c) => c.id === values.clubId)?.variants.length ? null : 'Pick a variant'),
    },
  });
  const target = clubs.find((c) => c.id === form.values.clubId);
  const close = () => {
    setOpened(false);
    form.reset();
    switchClub.reset();
  };
  const submit = form.onSubmit(({ clubId, variantId }) =>
    switchClub.mutate(
      { membershipId: membership.id, body: { clubId: clubId!, ...(variantId ? { variantId } : {}) } },
      { onSuccess: close, onError: (error) => form.setErrors(fieldErrorsOf(error)) },
    ),
  );
  return (
    <>
      <Button variant="default" w="fit-content" onClick={() => setOpened(true)}>
        Switch
      </Button>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={close} title="Switch club">
        <form onSubmit={submit} noValidate aria-label="Switch club">
          <Stack>
            <MutationError error={switchClub.error} />
            <Select
              label="New club"
              required
              data={clubs.filter((c) => c.status === 'active' && c.id !== membership.clubId).map((c) => ({ value: c.id, label: c.name }))}
              {...form.getInputProps('clubId')}
              onChange={(value) => {
                form.setFieldValue('clubId', value);
                form.setFieldValue('variantId', null);
              }}
            />
            {target && target.variants.length > 0 && (
              <Select label="Variant" required data={target.variants.map((x) => ({ value: x.id, label: x.name }))} {...form.getInputProps('variantId')} />
            )}
            <Group>
              <Button type="submit" loading={switchClub.isPending}>
                Switch club
              </Button>
              <Button variant="default" onClick={close}>
                Keep this club
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
