import { AppShell, Button, Group, NavLink, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { NavLink as RouterNavLink } from 'react-router';
import { useAuth, useSession } from '@/lib/auth/auth-provider';
import { canWrite, isAdmin } from '@/lib/auth/session';
import { useLeaveGuard } from './leave-guard';

/**
 * The console's frame: top navigation (Today, People; Settings for admins), who is signed in,
 * sign out. Leaving a page with unsaved changes, or signing out, asks first.
 */
export function AppLayout({ children }: { children: ReactNode }) {
  const session = useSession();
  const { signOut } = useAuth();
  const leave = useLeaveGuard();
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Title order={2} size="h4">
              Winery People
            </Title>
            <Group component="nav" aria-label="Main" gap={4} wrap="nowrap">
              <NavLink component={RouterNavLink} to="/today" label="Today" w="auto" />
              <NavLink component={RouterNavLink} to="/people" label="People" w="auto" />
              {canWrite(session) && <NavLink component={RouterNavLink} to="/people/duplicates" label="Possible duplicates" w="auto" />}
              {isAdmin(session) && <NavLink component={RouterNavLink} to="/settings" label="Settings" w="auto" />}
            </Group>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm">
              {session.name} · {session.role} · {session.tenantId}
            </Text>
            <Button variant="subtle" size="xs" onClick={() => leave.confirm(signOut)}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>{children}</AppShell.Main>
      {leave.modal}
    </AppShell>
  );
}
