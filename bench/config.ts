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
}

export function parseConfig(argv: readonly string[]): BenchConfig {
  const quick = argv.includes('--quick');
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
        coldImportRuns: number('cold-runs', 5),
      };
}
