import { PageQuery } from '../../schemas/common';
import {
  CreateSegmentBody,
  Segment,
  SegmentDefinition,
  SegmentDryCount,
  SegmentList,
  SegmentPath,
  SegmentValues,
  UpdateSegmentBody,
} from '../../segments/segment-schemas';
import { staff, type RouteSpec } from '../route-spec';

const tag = 'Segments';

export const segmentRoutes = {
  listSegments: {
    method: 'GET', path: '/v1/segments', fn: 'segments', tag, access: staff('viewer'), status: 200,
    summary: 'Segments, oldest first, each with its live count. A segment’s people: `GET /v1/customers?segmentId=`.',
    query: PageQuery, response: SegmentList,
  },
  createSegment: {
    method: 'POST', path: '/v1/segments', fn: 'segments', tag, access: staff('staff'), status: 201,
    summary:
      'Save rules that pick people. The segment is counted in the background (`count` and `countedAt` are null until ' +
      'then, seconds for most wineries); from then on its count follows each change to a person within seconds.',
    body: CreateSegmentBody, response: Segment,
  },
  countSegmentDryRun: {
    method: 'POST', path: '/v1/segments/dry-count', fn: 'segments', tag, access: staff('staff'), status: 200,
    summary: 'How many people these rules pick now, without saving anything: the live count while a segment is edited.',
    body: SegmentDefinition, response: SegmentDryCount,
  },
  getSegmentValues: {
    method: 'GET', path: '/v1/segments/values', fn: 'segments', tag, access: staff('viewer'), status: 200,
    summary: 'The regions and countries found on people’s default billing addresses, for the rule builder’s pickers.',
    response: SegmentValues,
  },
  getSegment: {
    method: 'GET', path: '/v1/segments/{segmentId}', fn: 'segments', tag, access: staff('viewer'), status: 200,
    summary: 'A segment with its live count: one read.', params: SegmentPath, response: Segment,
  },
  updateSegment: {
    method: 'PATCH', path: '/v1/segments/{segmentId}', fn: 'segments', tag, access: staff('staff'), status: 200,
    summary: 'Rename a segment, or change its rules (then it is counted again in the background: `count` and `countedAt` are null until then).',
    params: SegmentPath, body: UpdateSegmentBody, response: Segment, conditional: true,
  },
  deleteSegment: {
    method: 'DELETE', path: '/v1/segments/{segmentId}', fn: 'segments', tag, access: staff('staff'), status: 204,
    summary: 'Delete a segment (its people are not changed).', params: SegmentPath, conditional: true,
  },
} as const satisfies Record<string, RouteSpec>;
