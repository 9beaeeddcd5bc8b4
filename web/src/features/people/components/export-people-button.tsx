import { Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { ProblemAlert } from '@/components/problem-alert';
import { useExportPeople, type ExportFilters } from '../api/export-people';
import { formatCount } from '@/lib/plural';

/** "Export CSV" (admins): the list's search and filters, every page, as one file; progress while it fetches. */
export function ExportPeopleButton({ filters, expected }: { filters: ExportFilters; expected: number | undefined }) {
  const [people, setPeople] = useState(0);
  const exporting = useExportPeople(setPeople);
  return (
    <Stack gap={4} ml="auto">
      <Group gap="xs" justify="flex-end">
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          loading={exporting.isPending}
          onClick={() => {
            setPeople(0);
            exporting.mutate(filters);
          }}
        >
          Export CSV
        </Button>
        {exporting.isPending && (
          <Text size="sm" aria-live="polite">
            {formatCount(people)}
            {expected !== undefined ? ` of ${formatCount(expected)}` : ''} people…
          </Text>
        )}
        {exporting.isSuccess && (
          <Text size="sm" aria-live="polite">
            Exported {formatCount(exporting.data)} people.
          </Text>
        )}
      </Group>
      {exporting.error && <ProblemAlert error={exporting.error} />}
    </Stack>
  );
}
