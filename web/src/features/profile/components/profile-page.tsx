import { Stack, Tabs } from '@mantine/core';
import type { ComponentType } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { PageLoader } from '@/components/page-loader';
import { ProblemAlert } from '@/components/problem-alert';
import type { CustomerProfile, Settings } from '@/lib/api-client';
import { useSettings } from '@/hooks/use-reference-data';
import { useSession } from '@/lib/auth/auth-provider';
import { canWrite } from '@/lib/auth/session';
import { useCustomer } from '../api/customer';
import { ProfileHeader } from './profile-header';

/** What every profile tab receives. A tab loads whatever else it needs with its own hooks. */
export interface ProfileTabProps {
  /** The profile as last read (GET /v1/customers/{id}); its `version` goes in `If-Match`. */
  readonly customer: CustomerProfile;
  /** False for viewers: the tab shows no write controls. */
  readonly canWrite: boolean;
  /** Re-reads the profile (e.g. the Reload of a 412). */
  readonly reload: () => void;
}

export interface ProfileTab {
  /** In the URL (`?tab=`). */
  readonly value: string;
  readonly label: string;
  readonly component: ComponentType<ProfileTabProps>;
  /** Shown only when this holds (e.g. a feature the tenant turned on). */
  readonly visible?: (settings: Settings | undefined) => boolean;
}

/** Buttons beside the header's Login (new order, reservation), given by the app. */
export type ProfileActions = ComponentType<{ customer: CustomerProfile }>;

/** A person's profile: header with actions, then the tabs the app registers (app/registry.tsx). */
export function ProfilePage({ tabs: allTabs, actions }: { tabs: readonly ProfileTab[]; actions?: ProfileActions }) {
  const { customerId = '' } = useParams();
  const session = useSession();
  const settings = useSettings();
  const tabs = allTabs.filter((tab) => !tab.visible || tab.visible(settings.data));
  const customer = useCustomer(customerId);
  const [searchParams, setSearchParams] = useSearchParams();
  const active = tabs.some((t) => t.value === searchParams.get('tab')) ? searchParams.get('tab')! : tabs[0]?.value;

  if (customer.isPending) return <PageLoader label="Loading the profile" />;
  if (customer.error) return <ProblemAlert error={customer.error} onRetry={() => void customer.refetch()} />;
  const reload = () => void customer.refetch();

  return (
    <Stack>
      <ProfileHeader customer={customer.data} canWrite={canWrite(session)} tenantId={session.tenantId} actions={actions} />
      <Tabs value={active} onChange={(value) => value && setSearchParams({ tab: value }, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value} pt="md">
            <tab.component customer={customer.data} canWrite={canWrite(session)} reload={reload} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
