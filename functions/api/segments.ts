import { now } from '../../shared/clock';
import { apiHandler } from '../../shared/http/api-handler';
import { segmentRoutes } from '../../shared/http/routes/segments';
import { countMatching } from '../../shared/segments/segment-counting';
import { createSegment, deleteSegment, getSegment, listSegments, updateSegment } from '../../shared/segments/segment-repository';
import { readSegmentValues } from '../../shared/segments/segment-values';

/** A dry count stops reading before the function's 10 s: a very big winery gets a partial count, said so. */
const DRY_COUNT_BUDGET_MS = 7_000;

export const handler = apiHandler(segmentRoutes, 'segments', {
  listSegments: ({ auth, query }) => listSegments(auth.tenantId, query),
  createSegment: ({ auth, body }) => createSegment(auth.tenantId, body, auth.actor),
  countSegmentDryRun: ({ auth, body }) => countMatching(auth.tenantId, body, now(), Date.now() + DRY_COUNT_BUDGET_MS),
  getSegmentValues: ({ auth }) => readSegmentValues(auth.tenantId),
  getSegment: ({ auth, params }) => getSegment(auth.tenantId, params.segmentId),
  updateSegment: ({ auth, params, body, ifMatch }) => updateSegment(auth.tenantId, params.segmentId, body, auth.actor, ifMatch),
  deleteSegment: ({ auth, params, ifMatch }) => deleteSegment(auth.tenantId, params.segmentId, ifMatch),
});
