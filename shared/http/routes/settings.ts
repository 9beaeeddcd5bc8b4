import { PutSettingsBody, Settings } from '../../settings/settings-schemas';
import { staff, type RouteSpec } from '../route-spec';

export const settingsRoutes = {
  getSettings: {
    method: 'GET', path: '/v1/settings', fn: 'settings', tag: 'Settings', access: staff('viewer'), status: 200,
    summary: "The tenant's settings (defaults until an admin saves them).",
    response: Settings,
  },
  putSettings: {
    method: 'PUT', path: '/v1/settings', fn: 'settings', tag: 'Settings', access: staff('admin'), status: 200,
    summary: 'Replace the settings; accepts the document GET returned.',
    body: PutSettingsBody, response: Settings, conditional: true,
  },
} as const satisfies Record<string, RouteSpec>;
