/**
 * Query keys shared between features, so that a write in one feature refreshes what another
 * shows (e.g. settings edited by an admin, a person changed on the profile).
 */
export const queryKeys = {
  settings: ['settings'] as const,
  customerClasses: ['customer-classes'] as const,
  clubs: ['clubs'] as const,
  staff: ['staff'] as const,
  customers: ['customers'] as const,
  customerList: (params: object) => ['customers', 'list', params] as const,
  customerSummary: ['customers', 'summary'] as const,
  customer: (id: string) => ['customers', 'profile', id] as const,
  segments: ['segments'] as const,
};
