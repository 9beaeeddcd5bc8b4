import { ActionIcon, Modal } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';

/**
 * The green "+" beside a heading (notes, certificates) and the dialog it opens. The form inside
 * gets `close`; it is mounted only while open, so each opening starts afresh.
 */
export function AddDialog({ label, title, children, size }: { label: string; title: string; children: (close: () => void) => ReactNode; size?: string }) {
  const [opened, setOpened] = useState(false);
  const close = () => setOpened(false);
  return (
    <>
      <ActionIcon variant="filled" color="#2b7a3b" aria-label={label} aria-haspopup="dialog" onClick={() => setOpened(true)}>
        <IconPlus size={18} aria-hidden />
      </ActionIcon>
      <Modal opened={opened} onClose={close} title={title} size={size} closeButtonProps={{ 'aria-label': 'Close' }}>
        {opened && children(close)}
      </Modal>
    </>
  );
}
