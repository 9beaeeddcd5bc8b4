import { readSettings, saveSettings } from '../../shared/db/settings-repository';
import { apiHandler } from '../../shared/http/api-handler';
import { settingsRoutes } from '../../shared/http/routes/settings';

export const handler = apiHandler(settingsRoutes, 'settings', {
  getSettings: ({ auth }) => readSettings(auth.tenantId),
  putSettings: ({ auth, body, ifMatch }) => {
    const { version: _version, updatedAt: _updatedAt, ...settings } = body;
    return saveSettings(auth.tenantId, settings, auth.actor, ifMatch);
  },
});
