/** Timing helpers. Nothing here asserts a timing: the run reports, a reader judges. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
}

export function summarize(samples: readonly number[]): Summary {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/**
 * Times several contenders against each other: every round runs each once, in an order that
 * rotates, so drift (JIT, GC, the engine's caches) lands on all of them alike. Sequential: one
 * call in flight, as one user's page load.
 */
export async function interleave<K extends string>(
  contenders: Record<K, () => Promise<unknown>>,
  options: { rounds: number; warmup: number },
): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < options.warmup + options.rounds; round += 1) {
    for (let i = 0; i < names.length; i += 1) {
      const name = names[(round + i) % names.length] as K;
      const started = performance.now();
      await contenders[name]();
      const elapsed = performance.now() - started;
      if (round >= options.warmup) samples[name].push(elapsed);
    }
  }
  return samples;
}

export const ms = (value: number) => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value.toFixed(2)) : 'n/a');
/** Compares a ratio as it is printed (two decimals), so a shown 1.50× never reads as a miss of ≤ 1.5×. */
export const within = (value: number, limit: number) => Number(value.toFixed(2)) <= limit;

export const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');

export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
