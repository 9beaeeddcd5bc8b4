import { Stack, Text, Title } from '@mantine/core';

/** A screen that is planned but not built yet: says so instead of a blank page. */
export function Placeholder({ title }: { title: string }) {
  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <Text>This screen is not built yet.</Text>
    </Stack>
  );
}
