import { notifications } from '@mantine/notifications';

/** A short confirmation in the corner; its close button is named for screen readers. */
export function notifySuccess(message: string, title?: string): void {
  notifications.show({ title, message, color: 'green.9', closeButtonProps: { 'aria-label': 'Dismiss' } });
}
