import { ListStaffQuery, StaffList } from '../../staff/staff-schemas';
import { staff, type RouteSpec } from '../route-spec';

/** The staff directory, served by the settings function (tenant-level reads, like the settings). */
export const staffRoutes = {
  listStaff: {
    method: 'GET', path: '/v1/staff', fn: 'settings', tag: 'Settings', access: staff('viewer'), status: 200,
    summary:
      "Staff of the tenant the service has seen change a person's records, by name (e.g. for a membership's owner). " +
      'Recorded from the table stream, so a first write shows a moment later.',
    query: ListStaffQuery, response: StaffList,
  },
} as const satisfies Record<string, RouteSpec>;
