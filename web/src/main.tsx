import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { App } from './app/app';
import { configureApi } from './lib/api-client';
import { loadConfig } from './lib/config';

const root = createRoot(document.getElementById('root')!);
async function start() {
  try {
  const config = await loadConfig();
  configureApi(config.apiUrl);
  root.render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
} catch (error) {
  // Nothing can work without /config.json: say so rather than show a blank page.
  root.render(<p role="alert">The console cannot start: {error instanceof Error ? error.message : String(error)}</p>);
  }
}
void start();
