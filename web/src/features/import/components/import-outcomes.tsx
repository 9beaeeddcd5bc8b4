import { Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { downloadText } from '@/lib/download';
import type { Counts, RowOutcome } from '../lib/batches';
import { fieldLabel } from '../lib/import-fields';
import { invalidRowsCsv } from '../lib/invalid-rows-csv';
import { formatCount } from '@/lib/plural';

const SHOWN_INVALID = 200;

/** Counts of a dry run or a run, the invalid rows with their errors, and the rows to fix as a CSV. */
export function ImportOutcomes({
  title,
  labels,
  counts,
  invalid,
  headers,
  records,
  fileName,
}: {
  title: string;
  labels: Record<keyof Counts, string>;
  counts: Counts;
  invalid: readonly RowOutcome[];
  headers: readonly string[];
  records: readonly (readonly string[])[];
  fileName: string;
}) {
  const sorted = [...invalid].sort((a, b) => a.index - b.index);
  const lines = sorted.flatMap((outcome) => outcome.errors.map((error, n) => ({ key: `${outcome.index}-${n}`, line: outcome.index + 2, ...error })));
  const download = () => downloadText(`${fileName.replace(/\.csv$/i, '')}-invalid-rows.csv`, invalidRowsCsv(headers, records, sorted));
  return (
    <Stack gap="sm" aria-label={title} role="region">
      <Title order={2} size="h3">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {(Object.keys(labels) as (keyof Counts)[]).map((status) => (
          <Paper key={status} withBorder p="sm">
            <Text size="sm" c="dimmed">
              {labels[status]}
            </Text>
            <Text fz="xl" fw={700} data-testid={`count-${status}`}>
              {formatCount(counts[status])}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {sorted.length > 0 && (
        <>
          <Group justify="space-between">
            <Text>
              {sorted.length === 1 ? '1 row cannot be imported as it is' : `${sorted.length} rows cannot be imported as they are`}
              {lines.length > SHOWN_INVALID ? ` (the first ${SHOWN_INVALID} errors are shown; the download has them all)` : ''}:
            </Text>
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={download}>
              Download invalid rows
            </Button>
          </Group>
          <Table.ScrollContainer minWidth={480}>
            <Table striped>
              <Table.Caption>Invalid rows</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Line</Table.Th>
                  <Table.Th scope="col">Field</Table.Th>
                  <Table.Th scope="col">Problem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.slice(0, SHOWN_INVALID).map((line) => (
                  <Table.Tr key={line.key}>
                    <Table.Td>{line.line}</Table.Td>
                    <Table.Td>{fieldLabel(line.path)}</Table.Td>
                    <Table.Td>{line.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
