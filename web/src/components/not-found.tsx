import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '@/hooks/use-page-title';

/** A page that is not there, or not for this staff member's role (`reason`). */
export function NotFound({ reason }: { reason?: string }) {
  usePageTitle(reason ? 'Not available' : 'Page not found');
  return (
    <Stack>
      <Title order={1}>{reason ? 'Not available' : 'Page not found'}</Title>
      <Text>
        {reason ?? 'There is nothing here.'} <Anchor component={Link} to="/people">Back to People</Anchor>
      </Text>
    </Stack>
  );
}
