import { Alert, Anchor, Button, FileInput, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconFileTypeCsv, IconPlayerStop } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/problem-alert';
import { useCustomerClasses, useSettings } from '@/hooks/use-reference-data';
import { queryKeys } from '@/lib/query-keys';
import { sendImportBatch } from '../api/import-people';
import { batchKey, batchOutcomes, countOutcomes, localOutcomes, runBatches, sha256Hex, toBatches, type Counts, type RowOutcome } from '../lib/batches';
import { autoMap } from '../lib/auto-map';
import { prepareRows, type ReferenceData } from '../lib/convert-rows';
import { clearProgress, loadProgress, saveProgress, type ImportProgress } from '../lib/import-progress';
import type { ColumnMapping } from '../lib/import-fields';
import { CsvFileError, readCsv, type CsvFile } from '../lib/read-csv';
import { ColumnMappingTable } from './column-mapping-table';
import { ImportOutcomes } from './import-outcomes';
import { usePageTitle } from '@/hooks/use-page-title';
import { formatCount } from '@/lib/plural';

/** Batches in flight at once: enough to hide the round trip, few enough not to crowd the API for others. */
const CONCURRENCY = 2;

const DRY_RUN_LABELS = { created: 'New', updated: 'Update', unchanged: 'Unchanged', invalid: 'Invalid' };
const RUN_LABELS = { created: 'Created', updated: 'Updated', unchanged: 'Unchanged', invalid: 'Invalid' };

interface ChosenFile {
  readonly name: string;
  readonly csv: CsvFile;
  readonly fileHash: string;
  /** A stopped import of this very file, offered to resume. */
  readonly stopped: ImportProgress | undefined;
}

interface Outcome {
  readonly counts: Counts;
  readonly invalid: readonly RowOutcome[];
}

interface RunState {
  readonly total: number;
  readonly done: number;
  readonly startedAt: number;
  /** Rows done when this session of the run started (a resumed run does not count them in the rate). */
  readonly doneAtStart: number;
  readonly status: 'running' | 'stopping' | 'stopped' | 'finished';
  readonly result: Outcome;
}

const sumCounts = (counts: Counts) => counts.created + counts.updated + counts.unchanged + counts.invalid;

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '…';
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Settings → Import people: a CSV file, its columns mapped to our fields, a dry run, then the import in batches. */
export default function ImportPage() {
  usePageTitle('Import people', 'Settings');
  const queryClient = useQueryClient();
  const settings = useSettings();
  const classes = useCustomerClasses();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [dryRun, setDryRun] = useState<{ status: 'running' | 'done'; result: Outcome } | null>(null);
  const [run, setRun] = useState<RunState | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const stopRequested = useRef(false);

  const refs: ReferenceData = { flags: settings.data?.flags ?? [], classes: classes.data?.items ?? [] };
  const refsReady = settings.isSuccess && classes.isSuccess;
  const busy = dryRun?.status === 'running' || run?.status === 'running' || run?.status === 'stopping';

  const choose = async (chosen: File | null) => {
    setFile(null);
    setFileError(null);
    setDryRun(null);
    setRun(null);
    setFailure(null);
    if (!chosen) return;
    setReading(true);
    try {
      const csv = readCsv(new Uint8Array(await chosen.arrayBuffer()));
      const fileHash = await sha256Hex(csv.text);
      const stopped = loadProgress(fileHash);
      setFile({ name: chosen.name, csv, fileHash, stopped });
      setMapping(autoMap(csv.headers));
    } catch (error) {
      setFileError(error instanceof CsvFileError ? error.message : `The file could not be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setReading(false);
    }
  };

  const changeMapping = (next: ColumnMapping) => {
    setMapping(next);
    // Results of another mapping no longer say what this one would do.
    setDryRun(null);
  };

  const startDryRun = async () => {
    if (!file) return;
    setFailure(null);
    const prepared = prepareRows(file.csv.records, mapping, refs);
    const batches = toBatches(prepared);
    const outcomes: RowOutcome[] = localOutcomes(prepared);
    const show = (status: 'running' | 'done') => setDryRun({ status, result: { counts: countOutcomes(outcomes), invalid: outcomes.filter((o) => o.status === 'invalid') } });
    show('running');
    try {
      await runBatches(
        batches.map((_, index) => index),
        CONCURRENCY,
        async (index) => {
          const batch = batches[index]!;
          const { results } = await sendImportBatch({ rows: batch.rows, dryRun: true, source: file.name });
          outcomes.push(...batchOutcomes(batch, results));
          show('running');
        },
        () => false,
      );
      show('done');
    } catch (error) {
      setDryRun(null);
      setFailure(error);
    }
  };

  /** The import, from the start or from where a stopped one of the same file and mapping left off. */
  const startRun = async (useMapping: ColumnMapping, resumed?: ImportProgress) => {
    if (!file) return;
    setFailure(null);
    stopRequested.current = false;
    const prepared = prepareRows(file.csv.records, useMapping, refs);
    const batches = toBatches(prepared);
    const runHash = await sha256Hex(`${file.csv.text}\u0000${JSON.stringify(useMapping)}`);
    const local = localOutcomes(prepared);
    let progress: ImportProgress =
      resumed?.runHash === runHash ? resumed : { runHash, mapping: useMapping, doneBatches: [], counts: countOutcomes(local), invalid: local };
    const done = () => sumCounts(progress.counts);
    const total = prepared.length;
    const doneAtStart = done();
    // eslint-disable-next-line react-hooks/purity -- read when the run starts (a click), not while rendering
    const startedAt = performance.now();
    const update = (status: RunState['status']) =>
      setRun({ total, done: done(), startedAt, doneAtStart, status, result: { counts: progress.counts, invalid: progress.invalid } });
    update('running');
    saveProgress(file.fileHash, progress);
    const pending = batches.map((_, index) => index).filter((index) => !progress.doneBatches.includes(index));
    try {
      await runBatches(
        pending,
        CONCURRENCY,
        async (index) => {
          const batch = batches[index]!;
          const { results } = await sendImportBatch({ rows: batch.rows, dryRun: false, source: file.name, idempotencyKey: batchKey(runHash, index) });
          const outcomes = batchOutcomes(batch, results);
          const counts = countOutcomes(outcomes);
          progress = {
            ...progress,
            doneBatches: [...progress.doneBatches, index],
            counts: { created: progress.counts.created + counts.created, updated: progress.counts.updated + counts.updated, unchanged: progress.counts.unchanged + counts.unchanged, invalid: progress.counts.invalid + counts.invalid },
            invalid: [...progress.invalid, ...outcomes.filter((o) => o.status === 'invalid')],
          };
          saveProgress(file.fileHash, progress);
          update(stopRequested.current ? 'stopping' : 'running');
        },
        () => stopRequested.current,
      );
      const finished = progress.doneBatches.length === batches.length;
      if (finished) clearProgress(file.fileHash);
      setFile({ ...file, stopped: finished ? undefined : progress });
      update(finished ? 'finished' : 'stopped');
    } catch (error) {
      setFailure(error);
      setFile({ ...file, stopped: progress });
      update('stopped');
    } finally {
      void queryClient.invalidateQueries({ queryKey: queryKeys.customers });
    }
  };

  const resume = (progress: ImportProgress) => {
    setMapping(progress.mapping);
    setDryRun(null);
    void startRun(progress.mapping, progress);
  };

  const resumeRow = (progress: ImportProgress) => {
    if (!file) return 1;
    const batches = toBatches(prepareRows(file.csv.records, progress.mapping, refs));
    const next = batches.findIndex((_, index) => !progress.doneBatches.includes(index));
    return (batches[next]?.indexes[0] ?? file.csv.records.length - 1) + 1;
  };

  // Each progress update re-renders with the time so far: the rate is as of that render, as meant.
  // eslint-disable-next-line react-hooks/purity
  const elapsed = run ? (performance.now() - run.startedAt) / 1000 : 0;
  const rate = run && elapsed > 0 ? (run.done - run.doneAtStart) / elapsed : 0;

  return (
    <Stack maw={960}>
      <Group justify="space-between">
        <Title order={1}>Import people</Title>
        <Anchor component={Link} to="/settings">
          Back to Settings
        </Anchor>
      </Group>
      <Text>
        A CSV file from another system or a spreadsheet (UTF-8 or Latin-1, at most 20 MiB and 50,000 people). A person whose email is
        here already is updated in the fields the file has; the others are added. Nothing changes until you run the import.
      </Text>
      {(settings.error || classes.error) && <ProblemAlert error={settings.error ?? classes.error} />}

      <FileInput
        label="CSV file"
        placeholder="Choose a file"
        accept=".csv,text/csv"
        leftSection={<IconFileTypeCsv size={18} aria-hidden />}
        onChange={(chosen) => void choose(chosen)}
        disabled={busy || reading || !refsReady}
        clearable
        clearButtonProps={{ 'aria-label': 'Clear the file' }}
        maw={420}
      />
      {fileError && (
        <Alert color="red" title="This file cannot be imported" icon={<IconAlertTriangle aria-hidden />} role="alert">
          {fileError}
        </Alert>
      )}

      {file && (
        <>
          <Text aria-live="polite">
            {file.name}: {formatCount(file.csv.records.length)} {file.csv.records.length === 1 ? 'person' : 'people'},{' '}
            {file.csv.headers.length} columns
            {file.csv.encoding === 'windows-1252' && ', read as Latin-1 (Windows-1252): it is not UTF-8'}.
          </Text>
          {file.stopped && run?.status !== 'running' && run?.status !== 'stopping' && (
            <Alert color="blue" title="This file's import was stopped">
              <Text size="sm">Rows sent again are harmless: they answer what they did the first time.</Text>
              <Button mt="sm" onClick={() => resume(file.stopped!)} disabled={!refsReady}>
                Resume from row {resumeRow(file.stopped)}
              </Button>
            </Alert>
          )}

          <Title order={2} size="h3">
            Columns
          </Title>
          <ColumnMappingTable headers={file.csv.headers} sample={file.csv.records[0]} mapping={mapping} onChange={changeMapping} disabled={busy} />
          {!['billingAddress.email', 'billingAddress.firstName', 'billingAddress.lastName'].every((field) => mapping.includes(field as never)) && (
            <Text c="dimmed" size="sm">
              Every person needs a first name, a last name and an email: map a column to each.
            </Text>
          )}

          <Group>
            <Button variant={dryRun?.status === 'done' ? 'default' : 'filled'} onClick={() => void startDryRun()} loading={dryRun?.status === 'running'} disabled={busy}>
              Dry run
            </Button>
            <Button onClick={() => void startRun(mapping)} disabled={busy || dryRun?.status !== 'done' || run?.status === 'finished'}>
              Import {formatCount(file.csv.records.length)} people
            </Button>
          </Group>
          {failure !== null && <ProblemAlert error={failure} />}

          {dryRun && !run && (
            <ImportOutcomes
              title={dryRun.status === 'running' ? 'Dry run: checking…' : 'Dry run: what the import would do'}
              labels={DRY_RUN_LABELS}
              counts={dryRun.result.counts}
              invalid={dryRun.result.invalid}
              headers={file.csv.headers}
              records={file.csv.records}
              fileName={file.name}
            />
          )}

          {run && (
            <Stack gap="xs">
              <Progress value={(run.done / Math.max(run.total, 1)) * 100} size="lg" aria-label="Import progress" />
              <Group justify="space-between">
                <Text aria-live="polite">
                  {formatCount(run.done)} of {formatCount(run.total)} rows
                  {run.status === 'running' && rate > 0 && ` · ${Math.round(rate)} rows a second · ${formatDuration((run.total - run.done) / rate)} left`}
                  {run.status === 'stopping' && ' · stopping after the batches in flight'}
                  {run.status === 'stopped' && ' · stopped'}
                  {run.status === 'finished' && ' · finished'}
                </Text>
                {(run.status === 'running' || run.status === 'stopping') && (
                  <Button
                    color="red"
                    variant="light"
                    leftSection={<IconPlayerStop size={16} aria-hidden />}
                    onClick={() => {
                      stopRequested.current = true;
                      setRun({ ...run, status: 'stopping' });
                    }}
                    disabled={run.status === 'stopping'}
                  >
                    Stop
                  </Button>
                )}
              </Group>
              {run.status === 'finished' && (
                <ImportOutcomes
                  title="Import finished"
                  labels={RUN_LABELS}
                  counts={run.result.counts}
                  invalid={run.result.invalid}
                  headers={file.csv.headers}
                  records={file.csv.records}
                  fileName={file.name}
                />
              )}
              {run.status === 'finished' && (
                <Anchor component={Link} to="/people">
                  See the people
                </Anchor>
              )}
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
