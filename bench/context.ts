import type { App } from './app';
import type { ApiCaller } from './api';
import type { BenchConfig } from './config';
import type { DynamoMeter, Tally } from './meter';
import type { Report } from './report';

export interface BenchContext {
  readonly app: App;
  readonly meter: DynamoMeter;
  /** The gateway when there is one, else the in-process handler. */
  readonly api: ApiCaller;
  /** The in-process handler, when `api` is the gateway (shows what the HTTP hop costs). */
  readonly inProcess: ApiCaller | undefined;
  readonly config: BenchConfig;
  readonly report: Report;
  readonly tableName: string;
}

export function expectStatus(response: { status: number; body: string }, status: number, what: string): void {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status}: ${response.body.slice(0, 300)}`);
}

/** `QueryCommand ×1` */
export function describeCommands(tally: Tally): string {
  return Object.entries(tally.commands)
    .map(([name, count]) => `${name.replace(/Command$/, '')} ×${count}`)
    .join(', ');
}

export const units = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
