import { MantineProvider, SegmentedControl, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { AuthProvider } from '@/lib/auth/auth-provider';
import type { AppConfig } from '@/lib/config';
import { queryClient } from '@/lib/query-client';
import { router } from './router';

// Mantine's default primary (blue 6) has too little contrast on white for small text; a darker shade passes WCAG AA.
const theme = createTheme({
  primaryColor: 'grape',
  primaryShade: 8,
  // People who ask their system for less motion get none (and so do the browser tests, whose
  // accessibility checks must not catch a colour mid-transition).
  respectReducedMotion: true,
  components: {
    // No sliding indicator: mid-slide the selected label's text sits on the light background
    // (too little contrast for a moment), and a choice should show at once anyway.
    SegmentedControl: SegmentedControl.extend({ defaultProps: { transitionDuration: 0 } }),
  },
});
// Mantine's dimmed text (gray 6) and error text (red 6) are about 3.3:1 on white; shades 7 and 8 meet WCAG AA's 4.5:1.
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-8)' },
  dark: {},
});

/** The providers every screen relies on: theme, server state, auth, routes. */
export function App({ config }: { config: AppConfig }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <AuthProvider config={config}>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
