import { ActionIcon, Button, Group, Popover, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';

/**
 * A delete (or any step that cannot be taken back) that asks first: the click opens a small
 * dialog beside the button that names what goes, with the action and "Keep". A stray click
 * removes nothing.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel = 'Delete',
  onConfirm,
  pending = false,
  icon = true,
  children,
}: {
  /** The button's accessible name ("Delete note"). */
  label: string;
  /** "Delete this note?" */
  question: ReactNode;
  confirmLabel?: string;
  onConfirm: () => void;
  pending?: boolean;
  /** A trash icon (default), or a small text button showing `children`. */
  icon?: boolean;
  children?: ReactNode;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus returnFocus withArrow position="bottom-end" shadow="md">
      <Popover.Target>
        {icon ? (
          <ActionIcon variant="subtle" color="red.9" aria-label={label} loading={pending} onClick={() => setOpened((o) => !o)}>
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        ) : (
          <Button size="xs" variant="subtle" color="red.9" aria-label={label} loading={pending} onClick={() => setOpened((o) => !o)}>
            {children}
          </Button>
        )}
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-label={label}>
        <Stack gap="xs" maw={280}>
          <Text size="sm">{question}</Text>
          <Group gap="xs">
            <Button
              size="xs"
              color="red.9"
              onClick={() => {
                setOpened(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
            <Button size="xs" variant="default" onClick={() => setOpened(false)}>
              Keep
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
