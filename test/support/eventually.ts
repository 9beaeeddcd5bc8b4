/**
 * Polls until `check` returns a value that is neither undefined, null nor false, and returns
 * it; a check that throws is tried again. Past the deadline it rethrows the last error (or says
 * the condition never held). For effects that happen a moment later — stream consumers,
 * emails — instead of sleeping.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value as Exclude<T, undefined | null | false>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) throw lastError ?? new Error('The condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
