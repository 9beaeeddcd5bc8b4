/**
 * People → Segments. Only a loader: the screens (the rule builder and its pickers) are their own
 * chunk, downloaded when staff open them, not with the console.
 */
export const loadSegmentScreens = () =>
  Promise.all([import('./components/segments-page'), import('./components/segment-page')]).then(([list, page]) => ({ ...list, ...page }));
