import { CellarItem, CellarItemPath, CellarList, CreateCellarItemBody, UpdateCellarItemBody } from '../../commerce/cellar-schemas';
import { PageQuery } from '../../schemas/common';
import { CustomerPath } from '../../people/customer-schemas';
import { staff, type RouteSpec } from '../route-spec';

const base = '/v1/customers/{id}/cellar';
const tag = 'Cellar';

/** Every cellar route is a 403 `feature-disabled` unless `settings.features.cellar`. */
export const cellarRoutes = {
  listCellar: {
    method: 'GET', path: base, fn: 'cellar', tag, access: staff('viewer'), status: 200,
    summary: "The wines the winery keeps in the person's cellar, in the order they were added.",
    params: CustomerPath, query: PageQuery, response: CellarList,
  },
  addCellarItem: {
    method: 'POST', path: base, fn: 'cellar', tag, access: staff('staff'), status: 201,
    summary: "Add a wine to the person's cellar.", params: CustomerPath, body: CreateCellarItemBody, response: CellarItem,
  },
  updateCellarItem: {
    method: 'PATCH', path: `${base}/{itemId}`, fn: 'cellar', tag, access: staff('staff'), status: 200,
    summary: 'Change a cellar entry (quantity, location, …).', params: CellarItemPath, body: UpdateCellarItemBody,
    response: CellarItem, conditional: true,
  },
  removeCellarItem: {
    method: 'DELETE', path: `${base}/{itemId}`, fn: 'cellar', tag, access: staff('staff'), status: 204,
    summary: 'Remove a cellar entry.', params: CellarItemPath, conditional: true,
  },
} as const satisfies Record<string, RouteSpec>;
