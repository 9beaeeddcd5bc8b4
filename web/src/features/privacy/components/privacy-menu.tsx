import { Button, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useState } from 'react';
import { MutationError } from '@/components/problem-alert';
import { notifySuccess } from '@/components/notify';
import { useSession } from '@/lib/auth/auth-provider';
import { isAdmin } from '@/lib/auth/session';
import type { CustomerProfile } from '@/lib/api-client';
import { useDownloadPersonalData, useErasePerson } from '../api/privacy';

/**
 * The profile's privacy menu (admins only): Download data (everything held, as JSON) and
 * Erase…, which asks for the reason and for the person's name typed out before it erases.
 */
export function PrivacyMenu({ customer }: { customer: CustomerProfile }) {
  const session = useSession();
  const download = useDownloadPersonalData(customer.id);
  const erase = useErasePerson(customer.id);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  if (!isAdmin(session)) return null;
  const fullName = `${customer.firstName} ${customer.lastName}`;
  const erased = customer.email === '' && customer.firstName === 'Erased customer';
  const close = () => {
    setConfirming(false);
    setTyped('');
    setReason('');
    erase.reset();
  };

  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={16} aria-hidden />} loading={download.isPending}>
            Privacy
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => download.mutate()}>Download data</Menu.Item>
          {!erased && (
            <Menu.Item color="red.9" onClick={() => setConfirming(true)}>
              Erase…
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <MutationError error={download.error} />
      <Modal opened={confirming} onClose={close} title={`Erase ${fullName}?`} closeButtonProps={{ 'aria-label': 'Close' }}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            erase.mutate(
              { reason: reason.trim(), version: customer.version },
              {
                onSuccess: () => {
                  close();
                  notifySuccess(`Personal data erased. The record stays as Erased customer #${customer.customerNumber}.`);
                },
              },
            );
          }}
        >
          <Stack>
            <Text>
              Names, emails, phones, addresses, notes and cards are removed for good. Orders and credits stay, under &ldquo;Erased customer #
              {customer.customerNumber}&rdquo;. This cannot be undone.
            </Text>
            <TextInput label="Reason" description="For example: CCPA request of 12 May" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
            <TextInput
              label={`Type ${fullName} to confirm`}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              autoComplete="off"
              required
            />
            <MutationError error={erase.error} />
            <Button type="submit" color="red.9" disabled={typed.trim() !== fullName || reason.trim() === ''} loading={erase.isPending}>
              Erase personal data
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
