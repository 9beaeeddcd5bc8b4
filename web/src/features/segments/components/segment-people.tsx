import { Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { PageLoader } from '@/components/page-loader';
import { ProblemAlert } from '@/components/problem-alert';
import { PeopleTable } from '@/components/people-table';
import { useSegmentPeople, type SegmentSort } from '../api/segments';

/**
 * A segment's people, by name or by number, 25 at a time, each a click from their profile. Read
 * again whenever the segment's live count moves (someone came or went).
 */
export function SegmentPeople({ segmentId, count }: { segmentId: string; count: number | null }) {
  const [sort, setSort] = useState<SegmentSort>('name');
  const people = useSegmentPeople(segmentId, sort);
  const { refetch } = people;
  useEffect(() => {
    void refetch();
  }, [count, refetch]);
  const rows = people.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="sm">
      <Select
        label="Sort by"
        data={[
          { value: 'name', label: 'Name, A to Z' },
          { value: 'number', label: 'Number, highest first' },
        ]}
        value={sort}
        onChange={(value) => value && setSort(value as SegmentSort)}
        allowDeselect={false}
        w={210}
      />
      {people.error ? (
        <ProblemAlert error={people.error} onRetry={() => void people.refetch()} />
      ) : people.isPending ? (
        <PageLoader label="Loading the segment's people" />
      ) : (
        <>
          <PeopleTable rows={rows} busy={people.isPlaceholderData} hasMore={people.hasNextPage} empty="Nobody is in this segment." />
          {people.hasNextPage && (
            <Group>
              <Button variant="default" onClick={() => void people.fetchNextPage()} loading={people.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          )}
        </>
      )}
      <Text size="sm">
        <Anchor component={Link} to={`/people?segmentId=${encodeURIComponent(segmentId)}`}>
          Open in the People list
        </Anchor>
      </Text>
    </Stack>
  );
}
