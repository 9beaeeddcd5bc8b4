import { CustomerPath } from '../../people/customer-schemas';
import { MergeBody, MergeInProgress, MergeList, MergePath, MergeResult, UndoResult } from '../../merge/merge-schemas';
import { DuplicateList, DuplicatesQuery, PairPath } from '../../duplicates/duplicate-schemas';
import { staff, type RouteSpec } from '../route-spec';

const tag = 'Duplicates';

const inProgress = {
  description:
    'Still running (a very large person did not finish within the request): nothing is lost or shown on both people; ' +
    'send the same request again to go on.',
  schema: MergeInProgress,
};

export const mergeRoutes = {
  listDuplicates: {
    method: 'GET', path: '/v1/customers/duplicates', fn: 'merges', tag, access: staff('staff'), status: 200,
    summary:
      'Possible duplicates, likeliest first: pairs of people who share an email (also among additional emails), a ' +
      'phone, a name at a postal code or with a birth date, or alike names (typos, nicknames, accents) with a shared ' +
      'address or phone; each with its reasons and a score from 0 to 1. Kept from the stream: a change shows within ' +
      'seconds. A dismissed pair never comes back.',
    query: DuplicatesQuery, response: DuplicateList,
  },
  dismissDuplicate: {
    method: 'POST', path: '/v1/customers/duplicates/{pairId}/dismiss', fn: 'merges', tag, access: staff('staff'), status: 204,
    summary: 'These two are not the same person: the pair is never suggested again.', params: PairPath,
  },
  mergeCustomers: {
    method: 'POST', path: '/v1/customers/{id}/merge', fn: 'merges', tag, access: staff('staff'), status: 200,
    summary:
      'Merge `absorbedId` into this person (the survivor). Everything of the absorbed person moves: addresses, cards, ' +
      'additional emails (their own email becomes one), notes, credits (balances add up), orders, reservations, ' +
      'certificates, cellar, email logs, timeline and change history; memberships too (two in the same club: the ' +
      'longer-standing stays, the other is cancelled with reason `merged`). Empty survivor fields take the absorbed ' +
      "person's values; flags are united. Then the absorbed id answers 410 with `mergedInto`, their customer number " +
      'finds the survivor in search, and they are in no list or count (lists and counts follow within seconds). ' +
      '409: the same person, someone already merged, or a merge, undo or erase running on either. A merge interrupted ' +
      'at any point is finished by sending it again; no item is ever lost or shown on both.',
    params: CustomerPath, body: MergeBody, response: MergeResult, idempotent: true, accepted: inProgress,
  },
  listMerges: {
    method: 'GET', path: '/v1/customers/{id}/merges', fn: 'merges', tag, access: staff('viewer'), status: 200,
    summary: 'The merges into this person, newest first, with until when each can be undone.',
    params: CustomerPath, response: MergeList,
  },
  undoMerge: {
    method: 'POST', path: '/v1/merges/{mergeId}/undo', fn: 'merges', tag, access: staff('staff'), status: 200,
    summary:
      'Undo a merge within 30 days: the absorbed person is back with their number, email and everything that was ' +
      "theirs; what was added to the survivor since stays with the survivor. 409 once undone, after 30 days, when the " +
      "survivor was merged or erased since, or when the survivor's credit balance is below the credit the merge brought.",
    params: MergePath, response: UndoResult, accepted: inProgress,
  },
} as const satisfies Record<string, RouteSpec>;
