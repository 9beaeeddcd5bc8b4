import { readSettings, saveSettings } from '../../shared/settings/settings-repository';
import { listStaff } from '../../shared/staff/staff-directory';
import { apiHandler } from '../../shared/http/api-handler';
import { settingsRoutes } from '../../shared/http/routes/settings';
import { staffRoutes } from '../../shared/http/routes/staff';

export const handler = apiHandler({ ...settingsRoutes, ...staffRoutes }, 'settings', {
  getSettings: ({ auth }) => readSettings(auth.tenantId),
  putSettings: ({ auth, body, ifMatch }) => {
    const { version: _version, updatedAt: _updatedAt, ...settings } = body;
    return saveSettings(auth.tenantId, settings, auth.actor, ifMatch);
  },
  listStaff: ({ auth, query }) => listStaff(auth.tenantId, query),
});
