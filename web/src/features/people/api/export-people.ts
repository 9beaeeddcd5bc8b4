import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { downloadText } from '@/lib/download';
import { countCsvRecords, exportFileName, joinCsvPages } from '../lib/csv-pages';

export interface ExportFilters {
  readonly q?: string;
  readonly flag?: string;
  readonly classId?: string;
  readonly clubId?: string;
  /** A segment's people (on their own: the API takes no other filter beside it). */
  readonly segmentId?: string;
}

/**
 * The people of the list's search and filters as one CSV file, downloaded: the API answers
 * 1000 people a page, the next page's cursor in `X-Next-Cursor`. `onProgress` gets the
 * people fetched so far.
 */
export function useExportPeople(onProgress: (people: number) => void) {
  return useMutation({
    mutationFn: async (filters: ExportFilters) => {
      const pages: string[] = [];
      let people = 0;
      let cursor: string | undefined;
      do {
        const query = { ...filters, ...(cursor ? { cursor } : {}) };
        let next: string | null = null;
        const page = await unwrap(
          api()
            .GET('/v1/customers/export', { params: { query }, parseAs: 'text' })
            .then((result) => {
              next = result.response.headers.get('X-Next-Cursor');
              return result;
            }),
        );
        pages.push(page);
        people += countCsvRecords(page);
        onProgress(people);
        cursor = next ?? undefined;
      } while (cursor);
      downloadText(exportFileName(new Date()), joinCsvPages(pages));
      return people;
    },
  });
}
