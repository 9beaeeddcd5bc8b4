import { MantineProvider, SegmentedControl, createTheme, defaultVariantColorsResolver, parseThemeColor, rgba, type CSSVariablesResolver, type VariantColorsResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { AuthProvider } from '@/lib/auth/auth-provider';
import type { AppConfig } from '@/lib/config';
import { queryClient } from '@/lib/query-client';
import { router } from './router';

/**
 * Mantine's light, subtle and outline variants of a colour with a shade (`red.9`) draw that
 * shade as the background of `light` under the paler "light" text colour (red on red), and the
 * text of `subtle` and `outline` in shade 6 at most (too little contrast on white). Here the
 * shade staff asked for is the text, on a faint tint of itself.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const defaults = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade === undefined || !['light', 'subtle', 'outline'].includes(input.variant)) return defaults;
  const color = input.theme.colors[parsed.color]![parsed.shade]!;
  return {
    background: input.variant === 'light' ? rgba(color, 0.1) : 'transparent',
    hover: rgba(color, 0.16),
    color,
    border: input.variant === 'outline' ? `1px solid ${color}` : '1px solid transparent',
  };
};

// Mantine's default primary (blue 6) has too little contrast on white for small text; a darker shade passes WCAG AA.
const theme = createTheme({
  primaryColor: 'grape',
  primaryShade: 8,
  // People who ask their system for less motion get none (and so do the browser tests, whose
  // accessibility checks must not catch a colour mid-transition).
  respectReducedMotion: true,
  variantColorResolver,
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
