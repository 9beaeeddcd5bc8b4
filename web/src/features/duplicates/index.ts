export { DuplicatesPage } from './components/duplicates-page';
export { MergesTab } from './components/merges-tab';
