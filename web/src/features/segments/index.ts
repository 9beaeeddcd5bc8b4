export { SegmentsPage } from './components/segments-page';
export { NewSegmentPage, SegmentPage } from './components/segment-page';
