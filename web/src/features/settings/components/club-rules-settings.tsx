import { ActionIcon, Button, Fieldset, Group, Loader, NumberInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { useSettings } from '@/hooks/use-reference-data';
import type { Settings } from '@/lib/api-client';
import { fieldErrorsOf } from '@/lib/field-errors';
import { useSaveSettings } from '../api/settings';

interface ReasonRow {
  key: string;
  title: string;
  /** A saved reason keeps its key: memberships and stats carry it. */
  saved: boolean;
}

interface Values {
  cancel: ReasonRow[];
  hold: ReasonRow[];
  pauseAllowed: boolean;
  maxDaysPerYear: number | string;
  changeVariant: boolean;
  changeShipping: boolean;
  cancelAllowed: boolean;
}

const rows = (reasons: Settings['clubReasons']['cancel']): ReasonRow[] => reasons.map((r) => ({ ...r, saved: true }));
const valuesOf = (s: Settings): Values => ({
  cancel: rows(s.clubReasons.cancel),
  hold: rows(s.clubReasons.hold),
  pauseAllowed: s.clubSelfService.pause.allowed,
  maxDaysPerYear: s.clubSelfService.pause.maxDaysPerYear,
  changeVariant: s.clubSelfService.changeVariant,
  changeShipping: s.clubSelfService.changeShipping,
  cancelAllowed: s.clubSelfService.cancel,
});
const reasonsOf = (list: ReasonRow[]) => list.map((r) => ({ key: r.key.trim(), title: r.title.trim() }));
const documentOf = (s: Settings, v: Values): Settings => ({
  ...s,
  clubReasons: { cancel: reasonsOf(v.cancel), hold: reasonsOf(v.hold) },
  clubSelfService: {
    pause: { allowed: v.pauseAllowed, maxDaysPerYear: Number(v.maxDaysPerYear) },
    changeVariant: v.changeVariant,
    changeShipping: v.changeShipping,
    cancel: v.cancelAllowed,
  },
});

/** API paths (`clubReasons.cancel.2.title`, `clubSelfService.pause.maxDaysPerYear`) → this form's fields. */
function formErrors(error: unknown): Record<string, string> {
  const renamed: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrorsOf(error))) {
    renamed[path.replace(/^clubReasons\./, '').replace(/^clubSelfService\.pause\./, '').replace(/^clubSelfService\.cancel$/, 'cancelAllowed')] = message;
  }
  return renamed;
}

/**
 * Settings → Club reasons & self-service: the winery's own reasons for cancelling and for
 * pausing (chosen in the console's dialogs, counted in each club's stats), and what members may
 * do themselves in the portal (all off until the winery allows it).
 */
export function ClubRulesSettings() {
  const settings = useSettings();
  if (settings.isPending) return <Loader aria-label="Loading the settings" />;
  if (settings.error) return <ProblemAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  return <ClubRulesForm key={settings.data.version} settings={settings.data} reload={() => void settings.refetch()} />;
}

function ClubRulesForm({ settings, reload }: { settings: Settings; reload: () => void }) {
  const save = useSaveSettings();
  const reasonRules = {
    key: (value: string) => (/^[a-z0-9][a-z0-9_-]{0,39}$/.test(value.trim()) ? null : 'Lowercase letters, digits, - and _'),
    title: (value: string) => (value.trim() ? null : 'A title'),
  };
  const form = useForm<Values>({
    initialValues: valuesOf(settings),
    validate: {
      cancel: reasonRules,
      hold: reasonRules,
      maxDaysPerYear: (value) => (Number(value) >= 1 && Number(value) <= 366 ? null : 'From 1 to 366 days'),
    },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(documentOf(settings, values), {
      onSuccess: () => notifications.show({ closeButtonProps: { 'aria-label': 'Close' }, color: 'green', message: 'Club settings saved.' }),
      onError: (error) => form.setErrors(formErrors(error)),
    }),
  );
  const v = form.values;
  return (
    <form onSubmit={submit} noValidate aria-label="Club reasons and self-service">
      <Stack maw={860}>
        <MutationError error={save.error} onReload={reload} />
        <ReasonList form={form} list="cancel" legend="Reasons for cancelling" what="cancel reason" hint="Staff and members choose one when a membership is cancelled; each club's page counts them." />
        <ReasonList form={form} list="hold" legend="Reasons for a pause" what="pause reason" hint="Chosen when a membership is paused (optional)." />
        <Fieldset legend="What members may do in the portal">
          <Stack gap="sm">
            <Group align="flex-end">
              <Switch label="Pause their membership" {...form.getInputProps('pauseAllowed', { type: 'checkbox' })} />
              <NumberInput label="Days of pause a year, at most" min={1} max={366} allowDecimal={false} w={220} disabled={!v.pauseAllowed} {...form.getInputProps('maxDaysPerYear')} />
            </Group>
            <Switch label="Change their club option (variant)" {...form.getInputProps('changeVariant', { type: 'checkbox' })} />
            <Switch label="Change shipping or pickup" {...form.getInputProps('changeShipping', { type: 'checkbox' })} />
            <Switch label="Cancel their membership (with a reason; a pause is offered first when they may pause)" {...form.getInputProps('cancelAllowed', { type: 'checkbox' })} />
          </Stack>
        </Fieldset>
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            Save club settings
          </Button>
          {form.isDirty() && (
            <Button variant="default" onClick={() => form.reset()}>
              Discard
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

interface ReasonListProps {
  readonly form: UseFormReturnType<Values>;
  readonly list: 'cancel' | 'hold';
  readonly legend: string;
  readonly what: string;
  readonly hint: string;
}

function ReasonList({ form, list, legend, what, hint }: ReasonListProps) {
  const rowsNow = form.values[list];
  return (
    <Fieldset legend={legend}>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {hint} A saved reason keeps its key; its title can change.
        </Text>
        {rowsNow.map((reason, index) => (
          <Group key={index} align="flex-start" gap="xs" role="group" aria-label={`${legend}: ${reason.title || index + 1}`}>
            <TextInput label="Key" w={180} readOnly={reason.saved} {...form.getInputProps(`${list}.${index}.key`)} />
            <TextInput label="Title" style={{ flex: 1 }} {...form.getInputProps(`${list}.${index}.title`)} />
            <ActionIcon variant="subtle" color="red.9" mt={28} aria-label={`Remove ${what} ${reason.title || index + 1}`} onClick={() => form.removeListItem(list, index)}>
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        {form.errors[list] && (
          <Text size="sm" c="red.8" role="alert">
            {form.errors[list]}
          </Text>
        )}
        <Button variant="subtle" w="fit-content" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem(list, { key: '', title: '', saved: false })}>
          Add {what}
        </Button>
      </Stack>
    </Fieldset>
  );
}
