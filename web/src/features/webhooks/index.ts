/** Settings → Webhooks. Only a loader: the screen is its own chunk, downloaded when an admin opens it. */
export const loadWebhooksPage = () => import('./components/webhooks-page');
