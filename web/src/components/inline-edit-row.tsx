import { ActionIcon, Group, Stack, Table } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * A table row that turns into its form in place (a cellar item, a customer class): the cells
 * that stay as they are, then the inputs with a Save and a Cancel icon. `onSubmit` is the form's
 * submit handler; `error` shows above the inputs.
 */
export function InlineEditRow({
  label,
  fixedCells = [],
  span,
  onSubmit,
  onCancel,
  saving,
  error,
  children,
}: {
  /** The form's name ("Edit Pinot Noir 2019"). */
  label: string;
  fixedCells?: ReactNode[];
  /** How many columns the inputs take. */
  span: number;
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  saving: boolean;
  error?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Table.Tr>
      {fixedCells.map((cell, index) => (
        <Table.Td key={index}>{cell}</Table.Td>
      ))}
      <Table.Td colSpan={span}>
        <form onSubmit={onSubmit} noValidate aria-label={label}>
          <Stack gap={4}>
            {error}
            <Group gap="xs" align="flex-end" wrap="nowrap">
              {children}
              <ActionIcon type="submit" variant="filled" size="lg" aria-label="Save" loading={saving} disabled={saving}>
                <IconCheck size={18} aria-hidden />
              </ActionIcon>
              <ActionIcon variant="default" size="lg" aria-label="Cancel edit" onClick={onCancel}>
                <IconX size={18} aria-hidden />
              </ActionIcon>
            </Group>
          </Stack>
        </form>
      </Table.Td>
    </Table.Tr>
  );
}
