/**
 * What one run measures, and how big. `--quick` is a smoke run (well under a minute); the full
 * run is sized to finish in about ten minutes on two cores, most of it seeding the big tenant.
 */
export interface BenchConfig {
  readonly quick: boolean;
  /** People in the small tenant (the list baseline; also holds the profile-read people). */
  readonly smallTenantPeople: number;
  /** People wanted in the big tenant; seeding stops early at `bigSeedBudgetMs` (whole chunks). */
  readonly bigTenantPeople: number;
  readonly bigSeedBudgetMs: number;
  /** `H#CHANGE#…` items under the person whose profile read is compared with a new person's. */
  readonly historyItems: number;
  /** BatchWriteItem requests in flight while seeding. */
  readonly seedConcurrency: number;
  /** Timed rounds per latency comparison (each round runs every contender once), after warm-up. */
  readonly rounds: number;
  readonly listRounds: number;
  readonly warmup: number;
  readonly creates: number;
  readonly coldImportRuns: number;
  /** People imported through `POST /v1/customers/import` (and written again as the BatchWriteItem floor). */
  readonly importPeople: number;
  /** Import batches (100 rows each) in flight, as the console sends them. */
  readonly importInFlight: number;
  /** How long the stream consumers get to catch up with the import before the run goes on without them. */
  readonly importCatchUpMs: number;
  /** People whose segment facts a new segment is counted over (`--segment-people=`). */
  readonly segmentPeople: number;
  /** `--only <scenario>[,<scenario>]`: run just these (see SCENARIOS); undefined runs them all. */
  readonly only: ReadonlySet<Scenario> | undefined;
}

/** What `--only` can name. Seeding runs only for the scenarios that read the seeded tenants. */
export const SCENARIOS = ['bundles', 'web', 'profile', 'create', 'list', 'orders', 'pause-expiry', 'writes', 'import', 'merge', 'webhooks', 'segments'] as const;
export type Scenario = (typeof SCENARIOS)[number];

function parseOnly(argv: readonly string[]): ReadonlySet<Scenario> | undefined {
  const at = argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (at < 0) return undefined;
  const raw = argv[at]!.startsWith('--only=') ? argv[at]!.slice('--only='.length) : argv[at + 1];
  const names = (raw ?? '').split(',').filter((name) => name !== '');
  const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) throw new Error(`--only takes scenario names (${SCENARIOS.join(', ')}), got ${raw ?? 'nothing'}`);
  return new Set(names as Scenario[]);
}

export function parseConfig(argv: readonly string[]): BenchConfig {
  const quick = argv.includes('--quick');
  const only = parseOnly(argv);
  const number = (flag: string, fallback: number) => {
    const raw = argv.find((arg) => arg.startsWith(`--${flag}=`));
    const value = raw ? Number(raw.slice(flag.length + 3)) : fallback;
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${flag} must be a number`);
    return value;
  };
  return quick
    ? {
        quick,
        smallTenantPeople: number('small', 100),
        bigTenantPeople: number('big', 500),
        bigSeedBudgetMs: number('seed-seconds', 20) * 1000,
        historyItems: number('history', 100),
        seedConcurrency: number('concurrency', 16),
        rounds: number('rounds', 30),
        listRounds: number('list-rounds', 15),
        warmup: 10,
        creates: number('creates', 2),
        coldImportRuns: number('cold-runs', 1),
        importPeople: number('import', 1_000),
        importInFlight: number('import-in-flight', 2),
        importCatchUpMs: number('catch-up-seconds', 180) * 1000,
        segmentPeople: number('segment-people', 5_000),
        only,
      }
    : {
        quick,
        smallTenantPeople: number('small', 1_000),
        bigTenantPeople: number('big', 50_000),
        bigSeedBudgetMs: number('seed-seconds', 300) * 1000,
        historyItems: number('history', 2_000),
        seedConcurrency: number('concurrency', 24),
        rounds: number('rounds', 300),
        listRounds: number('list-rounds', 120),
        warmup: 30,
        creates: number('creates', 15),
        coldImportRuns: number('cold-runs', 9),
        importPeople: number('import', 10_000),
        importInFlight: number('import-in-flight', 2),
        importCatchUpMs: number('catch-up-seconds', 900) * 1000,
        segmentPeople: number('segment-people', 50_000),
        only,
      };
}
