import {
  createCustomerClass,
  deleteCustomerClass,
  listCustomerClasses,
  updateCustomerClass,
} from '../../shared/classes/customer-class-repository';
import { apiHandler } from '../../shared/http/api-handler';
import { classRoutes } from '../../shared/http/routes/classes';

export const handler = apiHandler(classRoutes, 'classes', {
  listCustomerClasses: ({ auth, query }) => listCustomerClasses(auth.tenantId, query),
  createCustomerClass: ({ auth, body }) => createCustomerClass(auth.tenantId, body, auth.actor),
  updateCustomerClass: ({ auth, params, body, ifMatch }) => updateCustomerClass(auth.tenantId, params.classId, body, auth.actor, ifMatch),
  deleteCustomerClass: ({ auth, params, ifMatch }) => deleteCustomerClass(auth.tenantId, params.classId, auth.actor, ifMatch),
});
