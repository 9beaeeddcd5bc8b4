import { mergePeople, listMerges, undoMerge } from '../../shared/merge/merge-repository';
import { dismissPair, listDuplicates } from '../../shared/duplicates/duplicate-repository';
import { Reply, apiHandler } from '../../shared/http/api-handler';
import { mergeRoutes } from '../../shared/http/routes/merges';

/** A merge or an undo that did not finish within the request answers 202: sending it again goes on. */
const inProgress = (outcome: { mergeId: string; state: string }) => new Reply(202, { mergeId: outcome.mergeId, state: outcome.state });

export const handler = apiHandler(mergeRoutes, 'merges', {
  listDuplicates: ({ auth, query }) => listDuplicates(auth.tenantId, query),
  dismissDuplicate: ({ auth, params }) => dismissPair(auth.tenantId, params.pairId, auth.actor),
  mergeCustomers: async ({ auth, params, body, idempotency }) => {
    const outcome = await mergePeople(auth.tenantId, params.id, body.absorbedId, auth.actor, idempotency);
    return outcome.done ? outcome.survivor : inProgress(outcome);
  },
  listMerges: ({ auth, params }) => listMerges(auth.tenantId, params.id),
  undoMerge: async ({ auth, params }) => {
    const outcome = await undoMerge(auth.tenantId, params.mergeId, auth.actor);
    return outcome.done ? outcome.undone : inProgress(outcome);
  },
});
