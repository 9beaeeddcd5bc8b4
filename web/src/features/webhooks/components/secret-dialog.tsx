import { Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';

/** The signing secret, shown this once: the API never gives it again. */
export function SecretDialog({ secret, rotated, onClose }: { secret: string | undefined; rotated: boolean; onClose: () => void }) {
  return (
    <Modal opened={secret !== undefined} onClose={onClose} title="Signing secret" closeButtonProps={{ 'aria-label': 'Close' }} size="lg">
      <Stack>
        <Text size="sm">
          Copy it into the receiving system now: it is shown only this once. The receiver checks each delivery&apos;s signature with it (Standard Webhooks).
          {rotated && ' The previous secret keeps signing beside this one for 24 hours, so there is time to switch.'}
        </Text>
        <TextInput label="Secret" value={secret ?? ''} readOnly onFocus={(event) => event.currentTarget.select()} styles={{ input: { fontFamily: 'monospace' } }} />
        <Group justify="flex-end">
          <CopyButton value={secret ?? ''}>{({ copied, copy }) => <Button variant="default" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
          <Button onClick={onClose}>I have stored it</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
