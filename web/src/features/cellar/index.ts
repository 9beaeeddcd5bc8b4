import type { Settings } from '@/lib/api-client';

/** The Cellar tab: only a loader, its own chunk (opened now and then). */
export const loadCellarTab = () => import('./components/cellar-tab');

/** The Cellar tab is offered only to tenants that turned the cellar on (the API answers 403 otherwise). */
export const cellarTabVisible = (settings: Settings | undefined): boolean => settings?.features.cellar === true;
