import { Button, Group, Stack, Tabs, Title } from '@mantine/core';
import { IconFileImport, IconWebhook } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { ClassesSettings } from './classes-settings';
import { ClubRulesSettings } from './club-rules-settings';
import { ClubsSettings } from './clubs-settings';
import { GeneralSettings } from './general-settings';
import { usePageTitle } from '@/hooks/use-page-title';

const SECTIONS = [
  { value: 'customers', label: 'Customers', component: GeneralSettings },
  { value: 'classes', label: 'Customer classes', component: ClassesSettings },
  { value: 'clubs', label: 'Clubs', component: ClubsSettings },
  { value: 'club-rules', label: 'Club reasons & self-service', component: ClubRulesSettings },
] as const;

/** Settings (admins): what a new person needs, flags, features, age verification, email, classes and clubs. */
export function SettingsPage() {
  const [params, setParams] = useSearchParams();
  const active = SECTIONS.find((s) => s.value === params.get('section'))?.value ?? 'customers';
  usePageTitle(SECTIONS.find((s) => s.value === active)?.label, 'Settings');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Settings</Title>
        <Group gap="xs">
          <Button component={Link} to="/settings/webhooks" variant="default" leftSection={<IconWebhook size={16} aria-hidden />}>
            Webhooks
          </Button>
          <Button component={Link} to="/settings/import" variant="default" leftSection={<IconFileImport size={16} aria-hidden />}>
            Import people
          </Button>
        </Group>
      </Group>
      <Tabs value={active} onChange={(value) => value && setParams({ section: value }, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {SECTIONS.map((s) => (
            <Tabs.Tab key={s.value} value={s.value}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SECTIONS.map((s) => (
          <Tabs.Panel key={s.value} value={s.value} pt="md">
            <s.component />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
