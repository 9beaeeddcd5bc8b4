import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';

/**
 * After a merge: a toast that says who was merged into whom, with Undo (it stays 20 s; the
 * survivor's Merges tab offers Undo for 30 days).
 */
export function showMergedToast(message: string, onUndo: () => void): void {
  const id = `merged-${Date.now()}`;
  notifications.show({
    id,
    color: 'green.9',
    autoClose: 20_000,
    closeButtonProps: { 'aria-label': 'Dismiss' },
    message: (
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{message}</Text>
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            notifications.hide(id);
            onUndo();
          }}
        >
          Undo
        </Button>
      </Group>
    ),
  });
}
