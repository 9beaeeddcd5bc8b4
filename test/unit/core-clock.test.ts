import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeTime } from 'ulid';
import { setClock } from '../../shared/clock';
import { newId } from '../../shared/ids';

const root = join(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.includes('node_modules'))
    .map((file) => join(folder, file));
}

describe('Module: clock', () => {
  it('stamps ids with the one clock, so a test that moves time gets ids of that time', () => {
    const restore = setClock(() => new Date('2030-01-15T06:00:00Z'));
    try {
      expect(new Date(decodeTime(newId())).toISOString()).toBe('2030-01-15T06:00:00.000Z');
    } finally {
      restore();
    }
  });

  it('is moved by tests only: no function, shared module or local stack code calls setClock', () => {
    const callers = ['functions', 'shared', 'infra']
      .flatMap(sourceFiles)
      .filter((file) => file !== join('shared', 'clock.ts'))
      .filter((file) => /\bsetClock\s*\(/.test(readFileSync(join(root, file), 'utf8')));
    expect(callers.map((file) => relative('.', file))).toEqual([]);
  });
});
