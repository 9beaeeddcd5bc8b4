import { ActionIcon, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { fieldErrorsOf } from '@/lib/field-errors';
import { MutationError } from '@/components/problem-alert';
import type { CustomerProfile, Schemas } from '@/lib/api-client';
import { useIssueCertificate, useRedeemCertificate } from '../api/clubs';

const STATUS_COLOR: Record<Schemas['Certificate']['status'], string> = { available: '#2b7a3b', redeemed: 'gray.8', expired: 'red.9' };

/** Reservation certificates (e.g. a complimentary tasting): the person sees them in their club portal. */
export function Certificates({ customer, clubName, canWrite }: { customer: CustomerProfile; clubName: (clubId: string) => string; canWrite: boolean }) {
  const [adding, setAdding] = useState(false);
  const redeem = useRedeemCertificate(customer.id);
  return (
    <Stack component="section" aria-labelledby="certificates-heading">
      <Group gap="xs">
        <Title order={2} size="h3" id="certificates-heading">
          Reservation certificates
        </Title>
        {canWrite && (
          <ActionIcon variant="filled" color="#2b7a3b" aria-label="Add certificate" aria-expanded={adding} onClick={() => setAdding(true)}>
            <IconPlus size={18} aria-hidden />
          </ActionIcon>
        )}
      </Group>
      {adding && <IssueCertificateForm customer={customer} clubName={clubName} onDone={() => setAdding(false)} />}
      <MutationError error={redeem.error} />
      {customer.certificates.length === 0 ? (
        <Text>No certificates.</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Certificate</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Expires</Table.Th>
              {canWrite && <Table.Th>Action</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {customer.certificates.map((certificate) => (
              <Table.Tr key={certificate.id}>
                <Table.Td>{certificate.title}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[certificate.status]}>{certificate.status}</Badge>
                  {certificate.redeemedAt && <Text size="sm">{new Date(certificate.redeemedAt).toLocaleDateString()}</Text>}
                </Table.Td>
                <Table.Td>{certificate.expiresAt ?? 'Never'}</Table.Td>
                {canWrite && (
                  <Table.Td>
                    {certificate.status === 'available' && (
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`Redeem ${certificate.title}`}
                        loading={redeem.isPending && redeem.variables === certificate.id}
                        onClick={() => redeem.mutate(certificate.id)}
                      >
                        Redeem
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function IssueCertificateForm({ customer, clubName, onDone }: { customer: CustomerProfile; clubName: (clubId: string) => string; onDone: () => void }) {
  const issue = useIssueCertificate(customer.id);
  const form = useForm<{ title: string; expiresAt: string; membershipId: string | null }>({
    initialValues: { title: '', expiresAt: '', membershipId: null },
    validate: { title: (value) => (value.trim() ? null : 'Name the certificate') },
  });
  const save = form.onSubmit((values) =>
    issue.mutate(
      { title: values.title.trim(), ...(values.expiresAt ? { expiresAt: values.expiresAt } : {}), ...(values.membershipId ? { membershipId: values.membershipId } : {}) },
      { onSuccess: onDone, onError: (error) => form.setErrors(fieldErrorsOf(error)) },
    ),
  );
  const memberships = customer.memberships.filter((m) => m.status !== 'cancelled').map((m) => ({ value: m.id, label: clubName(m.clubId) }));
  return (
    <form onSubmit={save} noValidate aria-label="New certificate">
      <Stack gap="xs" maw={480}>
        <MutationError error={issue.error} />
        <TextInput label="Title" required placeholder="Complimentary tasting for two" {...form.getInputProps('title')} />
        <TextInput label="Expires on" type="date" {...form.getInputProps('expiresAt')} />
        {memberships.length > 0 && <Select label="For membership" clearable data={memberships} {...form.getInputProps('membershipId')} />}
        <Group gap="xs">
          <Button type="submit" loading={issue.isPending}>
            Add certificate
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
