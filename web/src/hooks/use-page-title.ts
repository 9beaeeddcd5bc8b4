import { useEffect } from 'react';

/**
 * The browser tab's title for a screen, most specific first: "Ada Lovelace · People". Parts
 * not known yet (a name still loading) are left out.
 */
export function usePageTitle(...parts: (string | undefined | null | false)[]): void {
  const title = parts.filter(Boolean).join(' · ');
  useEffect(() => {
    if (!title) return;
    document.title = title;
  }, [title]);
}
