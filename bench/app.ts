/**
 * The project's own modules, imported only after the environment is set (they read it at
 * import time, as in a Lambda container). Everything the bench writes or reads goes through
 * these: key builders, item shapes, the listing writer, the search plan.
 */
export async function loadApp() {
  const [client, keys, items, listing, search, history, ids, password, clock, routes] = await Promise.all([
    import('../shared/db/client'),
    import('../shared/db/keys'),
    import('../shared/db/customer-items'),
    import('../shared/db/people-listing'),
    import('../shared/domain/people-search'),
    import('../shared/db/history'),
    import('../shared/ids'),
    import('../shared/domain/password'),
    import('../shared/clock'),
    import('../shared/http/routes'),
  ]);
  return { client, keys, items, listing, search, history, ids, password, clock, routes };
}

export type App = Awaited<ReturnType<typeof loadApp>>;
