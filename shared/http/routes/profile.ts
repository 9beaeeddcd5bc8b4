import * as z from '../../schemas/zod';
import { Id, PageQuery } from '../../schemas/common';
import { Address, Customer, CustomerPath } from '../../people/customer-schemas';
import { ChangeList, CreateNoteBody, Note, NoteList, Timeline } from '../../history/history-schemas';
import { SetPasswordBody } from '../../portal/portal-schemas';
import {
  AddressList,
  AgeVerificationBody,
  Card,
  CardList,
  CreateAddressBody,
  CreateCardBody,
  CreateCustomerEmailBody,
  CustomerEmail,
  CustomerEmailList,
  UpdateAddressBody,
  UpdateCardBody,
} from '../../people/profile-schemas';
import { staff, type RouteSpec } from '../route-spec';
import { lazySchema } from '../../schemas/lazy-schema';

const AddressPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id, addressId: Id }));
const CardPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id, cardId: Id }));
const EmailPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id, emailId: Id }));
const NotePath = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id, noteId: Id }));
const base = '/v1/customers/{id}';
const tag = 'Profile';

export const profileRoutes = {
  listAddresses: {
    method: 'GET', path: `${base}/addresses`, fn: 'profile', tag, access: staff('viewer'), status: 200,
    summary: "The person's billing and shipping addresses.", params: CustomerPath, response: AddressList,
  },
  createAddress: {
    method: 'POST', path: `${base}/addresses`, fn: 'profile', tag, access: staff('staff'), status: 201,
    summary: 'Add an address; `isDefault` makes it the default of its kind.', params: CustomerPath, body: CreateAddressBody, response: Address,
  },
  updateAddress: {
    method: 'PATCH', path: `${base}/addresses/{addressId}`, fn: 'profile', tag, access: staff('staff'), status: 200,
    summary: 'Change an address; `isDefault: true` makes it the default (the other one stops being).', params: AddressPath,
    body: UpdateAddressBody, response: Address, conditional: true,
  },
  deleteAddress: {
    method: 'DELETE', path: `${base}/addresses/{addressId}`, fn: 'profile', tag, access: staff('staff'), status: 204,
    summary: 'Remove an address (409 for a default address).', params: AddressPath, conditional: true,
  },

  listCards: {
    method: 'GET', path: `${base}/cards`, fn: 'profile', tag, access: staff('viewer'), status: 200,
    summary: 'Cards on file (never the token).', params: CustomerPath, response: CardList,
  },
  createCard: {
    method: 'POST', path: `${base}/cards`, fn: 'profile', tag, access: staff('staff'), status: 201,
    summary: "Add a card by its payment processor's token. A body containing a card number is refused, and so is an expiry in the past (400 naming `expYear`, or `expMonth` when only the month has passed).",
    params: CustomerPath, body: CreateCardBody, response: Card,
  },
  updateCard: {
    method: 'PATCH', path: `${base}/cards/{cardId}`, fn: 'profile', tag, access: staff('staff'), status: 200,
    summary: 'Change the expiry, the holder, or make it the default; a renewed card sends its new `token` with the new expiry (never returned, redacted in the change history). The expiry the card would have (the given month or year with the stored other) must not be in the past (400).', params: CardPath, body: UpdateCardBody, response: Card, conditional: true,
  },
  deleteCard: {
    method: 'DELETE', path: `${base}/cards/{cardId}`, fn: 'profile', tag, access: staff('staff'), status: 204,
    summary: 'Remove a card.', params: CardPath, conditional: true,
  },

  listCustomerEmails: {
    method: 'GET', path: `${base}/emails`, fn: 'profile', tag, access: staff('viewer'), status: 200,
    summary: 'Additional addresses that also receive account emails.', params: CustomerPath, response: CustomerEmailList,
  },
  addCustomerEmail: {
    method: 'POST', path: `${base}/emails`, fn: 'profile', tag, access: staff('staff'), status: 201,
    summary: 'Add an additional email.', params: CustomerPath, body: CreateCustomerEmailBody, response: CustomerEmail,
  },
  removeCustomerEmail: {
    method: 'DELETE', path: `${base}/emails/{emailId}`, fn: 'profile', tag, access: staff('staff'), status: 204,
    summary: 'Remove an additional email.', params: EmailPath,
  },

  listNotes: {
    method: 'GET', path: `${base}/notes`, fn: 'profile', tag, access: staff('viewer'), status: 200,
    summary: 'Notes, newest first.', params: CustomerPath, query: PageQuery, response: NoteList,
  },
  createNote: {
    method: 'POST', path: `${base}/notes`, fn: 'profile', tag, access: staff('staff'), status: 201,
    summary: 'Leave a note.', params: CustomerPath, body: CreateNoteBody, response: Note,
  },
  deleteNote: {
    method: 'DELETE', path: `${base}/notes/{noteId}`, fn: 'profile', tag, access: staff('staff'), status: 204,
    summary: 'Delete a note (its author or an admin).', params: NotePath,
  },

  getTimeline: {
    method: 'GET', path: `${base}/timeline`, fn: 'profile', tag, access: staff('viewer'), status: 200,
    summary: 'Everything that happened to the person, newest first.', params: CustomerPath, query: PageQuery, response: Timeline,
  },
  listChanges: {
    method: 'GET', path: `${base}/changes`, fn: 'profile', tag, access: staff('viewer'), status: 200,
    summary: 'The audit log, newest first; written from the stream, so it may lag a write by a moment.',
    params: CustomerPath, query: PageQuery, response: ChangeList,
  },

  setCustomerPassword: {
    method: 'POST', path: `${base}/password`, fn: 'profile', tag, access: staff('staff'), status: 204,
    summary: 'Set a password, or without `newPassword` email the person a one-time reset link.',
    params: CustomerPath, body: SetPasswordBody, bodyOptional: true,
  },
  verifyAge: {
    method: 'POST', path: `${base}/age-verification`, fn: 'profile', tag, access: staff('staff'), status: 200,
    summary:
      'Verify the age: `manual` (staff checked an ID; `note` is kept) or `electronic` (the provider in settings). A `pending` ' +
      'answer is followed up by posting `electronic` again; `checkedAt` says when the provider was last asked.',
    params: CustomerPath, body: AgeVerificationBody, response: Customer,
    problems: {
      502: 'The age-verification provider could not be asked or gave no usable answer (its endpoint is not a public https address, it is down, or it answered something else); nothing changed, and the answer never repeats what the provider said.',
    },
  },
} as const satisfies Record<string, RouteSpec>;
