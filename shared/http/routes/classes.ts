import {
  CreateCustomerClassBody,
  CustomerClass,
  CustomerClassList,
  CustomerClassPath,
  UpdateCustomerClassBody,
} from '../../classes/customer-class-schemas';
import { PageQuery } from '../../schemas/common';
import { staff, type RouteSpec } from '../route-spec';

const tag = 'Customer classes';

export const classRoutes = {
  listCustomerClasses: {
    method: 'GET', path: '/v1/customer-classes', fn: 'classes', tag, access: staff('viewer'), status: 200,
    summary: 'Customer classes (discount tiers), clubs’ classes included, oldest first, a page at a time.', query: PageQuery, response: CustomerClassList,
  },
  createCustomerClass: {
    method: 'POST', path: '/v1/customer-classes', fn: 'classes', tag, access: staff('admin'), status: 201,
    summary: 'Create a class.', body: CreateCustomerClassBody, response: CustomerClass,
  },
  updateCustomerClass: {
    method: 'PATCH', path: '/v1/customer-classes/{classId}', fn: 'classes', tag, access: staff('admin'), status: 200,
    summary: "Change a class (409 for a club's class: change it through the club).",
    params: CustomerClassPath, body: UpdateCustomerClassBody, response: CustomerClass, conditional: true,
  },
  deleteCustomerClass: {
    method: 'DELETE', path: '/v1/customer-classes/{classId}', fn: 'classes', tag, access: staff('admin'), status: 204,
    summary: "Delete a class (409 while people hold it, or for a club's class).", params: CustomerClassPath, conditional: true,
  },
} as const satisfies Record<string, RouteSpec>;
