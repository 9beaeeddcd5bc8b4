import { Button, Group } from '@mantine/core';

/**
 * The Save / Cancel footer of every form. Save is the form's submit button: disabled while
 * nothing changed (`dirty` false) and while the save is in flight (one click, one request).
 * Cancel shows only when there is something to cancel, or always with `alwaysCancel` (a dialog).
 */
export function FormActions({
  saveLabel,
  saving,
  dirty = true,
  onCancel,
  cancelLabel = 'Cancel',
  alwaysCancel = false,
  color,
}: {
  saveLabel: string;
  saving: boolean;
  dirty?: boolean;
  onCancel?: () => void;
  cancelLabel?: string;
  alwaysCancel?: boolean;
  color?: string;
}) {
  return (
    <Group>
      <Button type="submit" color={color} loading={saving} disabled={!dirty || saving}>
        {saveLabel}
      </Button>
      {onCancel && (dirty || alwaysCancel) && (
        <Button variant="default" onClick={onCancel} disabled={saving}>
          {cancelLabel}
        </Button>
      )}
    </Group>
  );
}
