import { ActionIcon, Button, Checkbox, Fieldset, Group, Loader, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { fieldErrorsOf } from '@/lib/field-errors';
import { MutationError, ProblemAlert } from '@/components/problem-alert';
import { useSettings } from '@/hooks/use-reference-data';
import type { Settings } from '@/lib/api-client';
import { useSaveSettings } from '../api/settings';

type RequiredField = Settings['requiredFields'][number];

/** Every path the contract lets a tenant require, as staff read it (a Record, so a new path fails to compile until labelled). */
const REQUIRED_FIELD_LABELS: Record<RequiredField, string> = {
  phone: 'Phone',
  birthDate: 'Birth date',
  partner: 'Partner',
  specialInstructions: 'Special instructions',
  'billingAddress.company': 'Billing company',
  'billingAddress.line1': 'Billing address line 1',
  'billingAddress.line2': 'Billing address line 2',
  'billingAddress.city': 'Billing city',
  'billingAddress.region': 'Billing state / region',
  'billingAddress.postalCode': 'Billing postal code',
  'billingAddress.country': 'Billing country',
  'billingAddress.phone': 'Billing address phone',
  shippingAddress: 'A shipping address',
  'shippingAddress.company': 'Shipping company',
  'shippingAddress.line1': 'Shipping address line 1',
  'shippingAddress.line2': 'Shipping address line 2',
  'shippingAddress.city': 'Shipping city',
  'shippingAddress.region': 'Shipping state / region',
  'shippingAddress.postalCode': 'Shipping postal code',
  'shippingAddress.country': 'Shipping country',
  'shippingAddress.phone': 'Shipping address phone',
  'shippingAddress.email': 'Shipping address email',
};

interface FlagRow {
  key: string;
  title: string;
  /** Saved flags keep their key: people carry it. */
  saved: boolean;
}

interface Values {
  wineryName: string;
  requiredFields: RequiredField[];
  flags: FlagRow[];
  cellar: boolean;
  minimumAge: number | string;
  provider: 'none' | 'http';
  endpoint: string;
  requiredForOrders: boolean;
  from: string;
  replyTo: string;
  currency: string;
  timeZone: string;
}

/** The time zones the browser knows (IANA `Area/Location` names, as the API accepts). */
const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone.includes('/'))];

const valuesOf = (s: Settings): Values => ({
  wineryName: s.wineryName,
  requiredFields: s.requiredFields,
  flags: s.flags.map((f) => ({ ...f, saved: true })),
  cellar: s.features.cellar,
  minimumAge: s.ageVerification.minimumAge,
  provider: s.ageVerification.provider,
  endpoint: s.ageVerification.endpoint ?? '',
  requiredForOrders: s.ageVerification.requiredForOrders,
  from: s.email.from ?? '',
  replyTo: s.email.replyTo ?? '',
  currency: s.currency,
  timeZone: s.timeZone,
});

/** The document GET returned, with the form's values in place (PUT takes the whole document). */
const documentOf = (s: Settings, v: Values): Settings => ({
  ...s,
  wineryName: v.wineryName.trim(),
  requiredFields: v.requiredFields,
  flags: v.flags.map((f) => ({ key: f.key.trim(), title: f.title.trim() })),
  features: { ...s.features, cellar: v.cellar },
  ageVerification: {
    ...s.ageVerification,
    minimumAge: Number(v.minimumAge),
    provider: v.provider,
    endpoint: v.provider === 'http' ? v.endpoint.trim() || null : null,
    requiredForOrders: v.requiredForOrders,
  },
  email: { from: v.from.trim() || null, replyTo: v.replyTo.trim() || null },
  currency: v.currency.trim().toUpperCase(),
  timeZone: v.timeZone,
});

/** API paths (`flags.2.title`, `ageVerification.endpoint`) → this form's fields. */
function formErrors(error: unknown): Record<string, string> {
  const renamed: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrorsOf(error))) {
    const field = path.replace(/^ageVerification\./, '').replace(/^email\./, '').replace(/^features\./, '');
    renamed[field] = message;
  }
  return renamed;
}

export function GeneralSettings() {
  const settings = useSettings();
  if (settings.isPending) return <Loader role="status" aria-label="Loading the settings" />;
  if (settings.error) return <ProblemAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  // A new version (saved here or elsewhere and reloaded) starts the form again.
  return <GeneralSettingsForm key={settings.data.version} settings={settings.data} reload={() => void settings.refetch()} />;
}

function GeneralSettingsForm({ settings, reload }: { settings: Settings; reload: () => void }) {
  const save = useSaveSettings();
  const form = useForm<Values>({
    initialValues: valuesOf(settings),
    validate: {
      flags: {
        key: (value) => (/^[a-z0-9][a-z0-9_-]{0,39}$/.test(value.trim()) ? null : 'Lowercase letters, digits, - and _'),
        title: (value) => (value.trim() ? null : 'A title'),
      },
      endpoint: (value, values) => (values.provider === 'http' && !/^https:\/\//.test(value.trim()) ? 'An https:// URL' : null),
      currency: (value) => (/^[A-Za-z]{3}$/.test(value.trim()) ? null : 'A currency code such as USD'),
    },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(documentOf(settings, values), {
      onSuccess: () => notifications.show({ closeButtonProps: { 'aria-label': 'Close' }, color: 'green', message: 'Settings saved.' }),
      onError: (error) => form.setErrors(formErrors(error)),
    }),
  );
  const v = form.values;

  return (
    <form onSubmit={submit} noValidate aria-label="Settings">
      <Stack maw={860}>
        <MutationError error={save.error} onReload={reload} />
        <TextInput label="Winery name" required maw={400} {...form.getInputProps('wineryName')} />
        <Checkbox.Group label="Required fields" description="What staff must fill in to add a person (first name, last name and email always are)" {...form.getInputProps('requiredFields')}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt="xs" spacing={6}>
            {(Object.keys(REQUIRED_FIELD_LABELS) as RequiredField[]).map((path) => (
              <Checkbox key={path} value={path} label={REQUIRED_FIELD_LABELS[path]} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Fieldset legend="Flags">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              Flags mark people for filters and marketing lists. A saved flag keeps its key; its title can change.
            </Text>
            {v.flags.map((flag, index) => (
              <Group key={index} align="flex-start" gap="xs" role="group" aria-label={`Flag ${index + 1}`}>
                <TextInput label="Key" w={180} readOnly={flag.saved} {...form.getInputProps(`flags.${index}.key`)} />
                <TextInput label="Title" style={{ flex: 1 }} {...form.getInputProps(`flags.${index}.title`)} />
                <ActionIcon variant="subtle" color="red.9" mt={28} aria-label={`Remove flag ${flag.title || index + 1}`} onClick={() => form.removeListItem('flags', index)}>
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            <Button variant="subtle" w="fit-content" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('flags', { key: '', title: '', saved: false })}>
              Add flag
            </Button>
          </Stack>
        </Fieldset>
        <Fieldset legend="Features">
          <Switch label="Cellar (wines kept for people; adds the Cellar tab)" {...form.getInputProps('cellar', { type: 'checkbox' })} />
        </Fieldset>
        <Fieldset legend="Age verification">
          <Group align="flex-start">
            <NumberInput label="Minimum age" min={18} max={25} allowDecimal={false} w={140} {...form.getInputProps('minimumAge')} />
            <Select
              label="Electronic provider"
              allowDeselect={false}
              w={200}
              data={[
                { value: 'none', label: 'None' },
                { value: 'http', label: 'HTTP endpoint' },
              ]}
              {...form.getInputProps('provider')}
            />
            {v.provider === 'http' && <TextInput label="Endpoint" type="url" placeholder="https://" style={{ flex: 1 }} {...form.getInputProps('endpoint')} />}
          </Group>
          <Switch mt="sm" label="Orders need a verified adult (wine is sold to adults only)" {...form.getInputProps('requiredForOrders', { type: 'checkbox' })} />
        </Fieldset>
        <Fieldset legend="Email sender">
          <Group grow align="flex-start">
            <TextInput label="From" description="An address, or a name with it: Hillside Cellars <wine@example.com>" {...form.getInputProps('from')} />
            <TextInput label="Reply-to" type="email" {...form.getInputProps('replyTo')} />
          </Group>
        </Fieldset>
        <Group align="flex-start">
          <TextInput label="Currency" description="ISO 4217 code, e.g. USD" w={160} {...form.getInputProps('currency')} />
          <Select
            label="Time zone"
            description="Times in emails, receipts and the portal"
            searchable
            allowDeselect={false}
            data={TIME_ZONES}
            w={280}
            {...form.getInputProps('timeZone')}
          />
        </Group>
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            Save settings
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
