import { createAddress, deleteAddress, listAddresses, updateAddress } from '../../shared/people/address-repository';
import { createCard, deleteCard, listCards, updateCard } from '../../shared/people/card-repository';
import { listChanges } from '../../shared/history/change-history';
import { addCustomerEmail, listCustomerEmails, removeCustomerEmail } from '../../shared/people/customer-email-repository';
import { requestPasswordReset, setPassword } from '../../shared/portal/password-repository';
import { createNote, deleteNote, listNotes } from '../../shared/history/note-repository';
import { cachedSettings } from '../../shared/settings/settings-repository';
import { listTimeline } from '../../shared/history/timeline';
import { apiHandler } from '../../shared/http/api-handler';
import { profileRoutes } from '../../shared/http/routes/profile';
import { verifyCustomerAge } from '../../shared/people/age-verification';

export const handler = apiHandler(profileRoutes, 'profile', {
  listAddresses: ({ auth, params }) => listAddresses(auth.tenantId, params.id),
  createAddress: ({ auth, params, body }) => createAddress(auth.tenantId, params.id, body, auth.actor),
  updateAddress: ({ auth, params, body, ifMatch }) =>
    updateAddress(auth.tenantId, params.id, params.addressId, body, auth.actor, ifMatch),
  deleteAddress: ({ auth, params, ifMatch }) => deleteAddress(auth.tenantId, params.id, params.addressId, auth.actor, ifMatch),

  listCards: ({ auth, params }) => listCards(auth.tenantId, params.id),
  createCard: ({ auth, params, body }) => createCard(auth.tenantId, params.id, body, auth.actor),
  updateCard: ({ auth, params, body, ifMatch }) => updateCard(auth.tenantId, params.id, params.cardId, body, auth.actor, ifMatch),
  deleteCard: ({ auth, params, ifMatch }) => deleteCard(auth.tenantId, params.id, params.cardId, auth.actor, ifMatch),

  listCustomerEmails: ({ auth, params }) => listCustomerEmails(auth.tenantId, params.id),
  addCustomerEmail: ({ auth, params, body }) => addCustomerEmail(auth.tenantId, params.id, body, auth.actor),
  removeCustomerEmail: ({ auth, params }) => removeCustomerEmail(auth.tenantId, params.id, params.emailId, auth.actor),

  listNotes: ({ auth, params, query }) => listNotes(auth.tenantId, params.id, query),
  createNote: ({ auth, params, body }) => createNote(auth.tenantId, params.id, body.body, auth.actor),
  deleteNote: ({ auth, params }) =>
    deleteNote(auth.tenantId, params.id, params.noteId, auth.actor, { mayDeleteOthers: auth.role === 'admin' }),

  getTimeline: ({ auth, params, query }) => listTimeline(auth.tenantId, params.id, query),
  listChanges: ({ auth, params, query }) => listChanges(auth.tenantId, params.id, query),

  setCustomerPassword: ({ auth, params, body }) =>
    body?.newPassword
      ? setPassword(auth.tenantId, params.id, body.newPassword, auth.actor)
      : requestPasswordReset(auth.tenantId, params.id, auth.actor),
  verifyAge: async ({ auth, params, body }) => {
    const settings = await cachedSettings(auth.tenantId);
    return verifyCustomerAge(auth.tenantId, params.id, body, settings.ageVerification, auth.actor);
  },
});
