import { Anchor, Box, Button, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconUserShield } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, NavLink, Navigate, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { PageLoader } from '@/components/page-loader';
import { useMe, portalKeys } from '../api/me';
import { portalSessionFromToken, portalTokenStore } from '../lib/portal-session';
import { usePortalSession, usePortalTenant } from '../lib/use-portal';
import { useLeaveGuard } from '@/components/leave-guard';

/**
 * Staff "Login" opens `/portal/{tenantId}/?session=<portal token>`. The token goes to the portal's
 * session store (when it is this winery's), then out of the address bar, so neither the history
 * nor the Referer of later requests carries it. No page renders meanwhile, so no guard sends the
 * visitor to sign-in first.
 */
function useSessionFromUrl(tenantId: string): boolean {
  const location = useLocation();
  const navigate = useNavigate();
  const token = new URLSearchParams(location.search).get('session');
  useEffect(() => {
    if (!token) return;
    if (portalSessionFromToken(token)?.tenantId === tenantId) portalTokenStore.set(token);
    const rest = new URLSearchParams(location.search);
    rest.delete('session');
    void navigate({ pathname: location.pathname, search: rest.toString() }, { replace: true });
  }, [token, tenantId, location.pathname, location.search, navigate]);
  return token !== null;
}

/**
 * The portal's frame: the winery's name, the member's navigation, no staff navigation. Nothing
 * renders until the winery's name is known, so no page shows a stand-in name first.
 */
export function PortalLayout() {
  const { tenantId, wineryName, brandingPending } = usePortalTenant();
  const fromUrl = useSessionFromUrl(tenantId);
  const session = usePortalSession();
  // Members' unsaved changes are asked about before they are lost, as staff's are.
  const leave = useLeaveGuard();
  if (brandingPending) return <PageLoader />;

  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="grape.9" c="white" py="sm">
        <Container size="md" px={{ base: 'sm', sm: 'md' }}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Title order={2} size="h4" c="white">
              <Anchor component={Link} to={`/portal/${tenantId}`} c="white" fw={700} underline="never">
                {wineryName}
              </Anchor>
            </Title>
            {session && <SignOutButton confirm={leave.confirm} />}
          </Group>
          {session && (
            <Group component="nav" aria-label="Portal" gap={4} mt="xs" wrap="wrap">
              {(
                [
                  ['account', 'My account'],
                  ['club', 'My club'],
                  ['orders', 'My orders'],
                ] as const
              ).map(([path, label]) => (
                <PortalNavLink key={path} to={`/portal/${tenantId}/${path}`} label={label} />
              ))}
            </Group>
          )}
        </Container>
      </Box>
      {session?.via === 'staff' && <StaffBanner staffName={session.staffName} />}
      <Container component="main" size="md" px={{ base: 'sm', sm: 'md' }} py={{ base: 'md', sm: 'xl' }}>
        {fromUrl ? null : <Outlet />}
      </Container>
      {leave.modal}
    </Box>
  );
}

function PortalNavLink({ to, label }: { to: string; label: string }) {
  const active = useMatch({ path: to, end: false }) !== null;
  return (
    <Button component={NavLink} to={to} size="compact-sm" variant={active ? 'white' : 'transparent'} color={active ? 'grape.9' : 'white'} c={active ? 'grape.9' : 'white'}>
      {label}
    </Button>
  );
}

function SignOutButton({ confirm }: { confirm: (action: () => void) => void }) {
  const queryClient = useQueryClient();
  return (
    <Button
      variant="white"
      color="grape.9"
      size="xs"
      onClick={() =>
        confirm(() => {
          portalTokenStore.set(undefined);
          queryClient.removeQueries({ queryKey: portalKeys.all });
        })
      }
    >
      Sign out
    </Button>
  );
}

/** Staff looking at a member's portal must never forget whose it is, nor the member who sees it later. */
function StaffBanner({ staffName }: { staffName: string | null }) {
  const me = useMe();
  const member = me.data ? `${me.data.firstName} ${me.data.lastName}` : '…';
  return (
    <Container size="md" px={{ base: 'sm', sm: 'md' }} pt="md">
      <Paper role="status" bg="yellow.2" c="dark.9" p="sm" withBorder style={{ borderColor: 'var(--mantine-color-yellow-7)' }}>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconUserShield aria-hidden style={{ flexShrink: 0 }} />
          <div>
            <Text fw={700}>{`Viewing as ${member}, by ${staffName ?? 'staff'}`}</Text>
            <Text size="sm">A staff session of at most 15 minutes. Changes made here are saved to the member’s account.</Text>
          </div>
        </Group>
      </Paper>
    </Container>
  );
}

/** Pages of a signed-in member; otherwise the sign-in page, which comes back here after. */
export function RequirePortalSession() {
  const { tenantId } = usePortalTenant();
  const session = usePortalSession();
  const location = useLocation();
  if (!session) return <Navigate to={`/portal/${tenantId}/sign-in`} replace state={{ from: location.pathname }} />;
  return <Outlet />;
}

export function PortalNotFound() {
  const { tenantId } = usePortalTenant();
  return (
    <Stack>
      <Title order={1}>Page not found</Title>
      <Text>
        There is nothing here. <Anchor component={Link} to={`/portal/${tenantId}`}>Back to your account</Anchor>
      </Text>
    </Stack>
  );
}
