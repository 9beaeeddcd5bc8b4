/**
 * The project's own modules, imported only after the environment is set (they read it at
 * import time, as in a Lambda container). Everything the bench writes or reads goes through
 * these: key builders, item shapes, the listing writer, the search plan.
 */
export async function loadApp() {
  const [client, coreKeys, peopleKeys, items, listing, search, history, ids, password, clock, routes, cursor] = await Promise.all([
    import('../shared/db/client'),
    import('../shared/db/keys'),
    import('../shared/people/keys'),
    import('../shared/people/customer-items'),
    import('../shared/people/people-listing'),
    import('../shared/people/people-search'),
    import('../shared/history/keys'),
    import('../shared/ids'),
    import('../shared/portal/password'),
    import('../shared/clock'),
    import('../shared/http/routes'),
    import('../shared/db/cursor'),
  ]);
  // The core's key builders (tenant, person, counters) and the person aggregate's, as one.
  const keys = { ...coreKeys, ...peopleKeys };
  return { client, keys, items, listing, search, history, ids, password, clock, routes, cursor };
}

export type App = Awaited<ReturnType<typeof loadApp>>;
