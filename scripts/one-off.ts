import { pathToFileURL } from 'node:url';

/** What every one-off script that reads the whole table takes. */
export interface ScanScriptOptions {
  /** Parallel scan segments. */
  readonly segments?: number;
  /** Only this tenant's items. */
  readonly tenantId?: string;
  /** Where progress lines go. */
  readonly log?: (line: string) => void;
}

/** A `--name=value` of the command line (the value may hold `=`). */
export const option = (name: string): string | undefined =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=').slice(1).join('=');

/** Whether the command line has `--name`. */
export const flag = (name: string): boolean => process.argv.includes(`--${name}`);

/** `--segments=` (or `segments` by default) and `--tenant=` of the command line, progress to the console. */
export const scanOptions = (segments = 8): Required<Pick<ScanScriptOptions, 'segments' | 'log'>> & ScanScriptOptions => ({
  segments: Number(option('segments') ?? segments),
  tenantId: option('tenant'),
  log: (line) => console.log(line),
});

/**
 * Runs a one-off script's `main` when its module is the file run (not when a test imports it):
 * the line it answers is printed; a failure is printed and the exit code is 1.
 */
export function runAsScript(moduleUrl: string, main: () => Promise<string>): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  main()
    .then((line) => console.log(line))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
