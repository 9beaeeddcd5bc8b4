import { Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { AddDialog } from '@/components/add-dialog';
import { FormActions } from '@/components/form-actions';
import { useDraftForm } from '@/hooks/use-draft-form';
import { MutationError } from '@/components/problem-alert';
import type { CustomerProfile, Schemas } from '@/lib/api-client';
import { useIssueCertificate, useRedeemCertificate } from '../api/clubs';
import { useWineryTime } from '@/hooks/use-winery-time';

const STATUS_LABEL: Record<Schemas['Certificate']['status'], string> = { available: 'Available', redeemed: 'Redeemed', expired: 'Expired' };
const STATUS_COLOR: Record<Schemas['Certificate']['status'], string> = { available: '#2b7a3b', redeemed: 'gray.8', expired: 'red.9' };

/** Reservation certificates (e.g. a complimentary tasting): the person sees them in their club portal. */
export function Certificates({ customer, clubName, canWrite }: { customer: CustomerProfile; clubName: (clubId: string) => string; canWrite: boolean }) {
  const redeem = useRedeemCertificate(customer.id);
  const time = useWineryTime();
  return (
    <Stack component="section" aria-labelledby="certificates-heading">
      <Group gap="xs">
        <Title order={2} size="h3" id="certificates-heading">
          Reservation certificates
        </Title>
        {canWrite && (
          <AddDialog label="Add certificate" title="New certificate">
            {(close) => <IssueCertificateForm customer={customer} clubName={clubName} onDone={close} />}
          </AddDialog>
        )}
      </Group>
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
                  <Badge color={STATUS_COLOR[certificate.status]}>{STATUS_LABEL[certificate.status]}</Badge>
                  {certificate.redeemedAt && <Text size="sm">{time.dayOf(certificate.redeemedAt)}</Text>}
                </Table.Td>
                <Table.Td>{certificate.expiresAt ? time.dateOrInstant(certificate.expiresAt) : 'Never'}</Table.Td>
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
  const time = useWineryTime();
  const draft = useDraftForm<{ title: string; expiresAt: string; membershipId: string | null }>({
    initialValues: { title: '', expiresAt: '', membershipId: null },
    label: `New certificate · ${customer.firstName} ${customer.lastName}`,
    validate: {
      title: (value) => (value.trim() ? null : 'Name the certificate'),
      expiresAt: (value) => (value && value < time.today() ? 'Pick today or a later day' : null),
    },
  });
  const form = draft.form;
  const save = draft.onSubmit((values) =>
    issue
      .mutateAsync({ title: values.title.trim(), ...(values.expiresAt ? { expiresAt: values.expiresAt } : {}), ...(values.membershipId ? { membershipId: values.membershipId } : {}) })
      .then(onDone),
  );
  const memberships = customer.memberships.filter((m) => m.status !== 'cancelled').map((m) => ({ value: m.id, label: clubName(m.clubId) }));
  return (
    <form onSubmit={save} noValidate aria-label="New certificate">
      <Stack gap="xs">
        <MutationError error={issue.error} />
        <TextInput label="Title" required placeholder="Complimentary tasting for two" {...form.getInputProps('title')} />
        <TextInput label="Valid through" description={`The last day it can be used (winery time, ${time.zoneName})`} type="date" min={time.today()} {...form.getInputProps('expiresAt')} />
        {memberships.length > 0 && <Select label="For membership" clearable data={memberships} {...form.getInputProps('membershipId')} />}
        <FormActions saveLabel="Add certificate" saving={draft.saving} onCancel={onDone} alwaysCancel />
      </Stack>
    </form>
  );
}
