import { Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { Navigate, useParams, useSearchParams } from 'react-router';
import { PageLoader } from '@/components/page-loader';
import { ProblemAlert } from '@/components/problem-alert';
import { usePageTitle } from '@/hooks/use-page-title';
import { useSettings } from '@/hooks/use-reference-data';
import { useSession } from '@/lib/auth/auth-provider';
import { canWrite } from '@/lib/auth/session';
import { ApiProblem } from '@/lib/api-client';
import type { ProfileActions, ProfileTab } from '@/lib/profile-tabs';
import { useCustomer } from '../api/customer';
import { ProfileHeader } from './profile-header';

/** A person's profile: header with actions, then the tabs the app registers (app/registry.tsx). */
export function ProfilePage({ tabs: allTabs, actions }: { tabs: readonly ProfileTab[]; actions?: ProfileActions }) {
  const { customerId = '' } = useParams();
  const session = useSession();
  const settings = useSettings();
  const tabs = allTabs.filter((tab) => !tab.visible || tab.visible(settings.data));
  const customer = useCustomer(customerId);
  const [searchParams, setSearchParams] = useSearchParams();
  const active = tabs.some((t) => t.value === searchParams.get('tab')) ? searchParams.get('tab')! : tabs[0]?.value;
  // A tab, once opened, stays mounted (hidden) while another is shown: what it shows and what
  // staff typed in it are there when they come back. Tabs never opened load nothing.
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set(active ? [active] : []));
  if (active && !visited.has(active)) setVisited(new Set([...visited, active]));
  usePageTitle(customer.data && `${customer.data.firstName} ${customer.data.lastName}`, 'People');

  if (customer.isPending) return <PageLoader label="Loading the profile" />;
  // Someone merged into another (an old link, their number): the survivor's profile instead.
  if (customer.error instanceof ApiProblem && customer.error.mergedInto) return <Navigate to={`/people/${customer.error.mergedInto}`} replace />;
  if (customer.error) return <ProblemAlert error={customer.error} onRetry={() => void customer.refetch()} />;
  const reload = () => void customer.refetch();

  return (
    <Stack>
      <ProfileHeader customer={customer.data} canWrite={canWrite(session)} tenantId={session.tenantId} actions={actions} />
      <Tabs value={active} onChange={(value) => value && setSearchParams({ tab: value }, { replace: true })} keepMounted>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value} pt="md">
            {visited.has(tab.value) && <tab.component customer={customer.data} canWrite={canWrite(session)} reload={reload} />}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
