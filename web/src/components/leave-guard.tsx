import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useBlocker } from 'react-router';
import { draftStore } from '@/lib/drafts';

/**
 * Asks before unsaved changes are lost: a link or Back to another page (the app's router), a
 * reload or a closed tab (the browser's own "Leave site?"), and a sign-out (`confirm`). Moving
 * between a profile's tabs loses nothing (their drafts wait in the draft store), so it does not ask.
 */
export function useLeaveGuard() {
  useSyncExternalStore(draftStore.subscribe, draftStore.revision);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => draftStore.hasUnsaved() && currentLocation.pathname !== nextLocation.pathname);
  const [pending, setPending] = useState<(() => void) | undefined>();

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!draftStore.hasUnsaved()) return;
      event.preventDefault();
      // Older browsers show the prompt only when a value is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  const asking = blocker.state === 'blocked' || pending !== undefined;
  const stay = () => {
    if (blocker.state === 'blocked') blocker.reset();
    setPending(undefined);
  };
  const leave = () => {
    draftStore.clear();
    if (blocker.state === 'blocked') blocker.proceed();
    pending?.();
    setPending(undefined);
  };

  return {
    /** Runs `action` at once, or after staff agree to lose their unsaved changes. */
    confirm(action: () => void) {
      if (draftStore.hasUnsaved()) setPending(() => action);
      else action();
    },
    modal: (
      <Modal opened={asking} onClose={stay} title="Leave without saving?" closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack>
          <Text>You have changes that are not saved:</Text>
          <List>
            {draftStore.labels().map((label) => (
              <List.Item key={label}>{label}</List.Item>
            ))}
          </List>
          <Group>
            <Button onClick={stay} data-autofocus>
              Stay on this page
            </Button>
            <Button variant="default" color="red.9" onClick={leave}>
              Discard changes and leave
            </Button>
          </Group>
        </Stack>
      </Modal>
    ),
  };
}
