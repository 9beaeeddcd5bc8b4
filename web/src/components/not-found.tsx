import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFound() {
  return (
    <Stack>
      <Title order={1}>Page not found</Title>
      <Text>
        There is nothing here. <Anchor component={Link} to="/people">Back to People</Anchor>
      </Text>
    </Stack>
  );
}
