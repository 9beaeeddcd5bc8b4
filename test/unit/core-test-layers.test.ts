import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.includes('node_modules'))
    .map((file) => join(folder, file));
}

const importsOf = (file: string) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1] as string);

interface Project {
  displayName: string;
  globalSetup?: string;
  moduleNameMapper?: Record<string, string>;
}
const jestConfig = (await import(pathToFileURL(join(root, 'jest.config.js')).href)) as { default: { projects: Project[] } };
const projects = jestConfig.default.projects;
const project = (name: string) => projects.find((p) => p.displayName === name);

describe('Test layers', () => {
  it('runs unit tests without DynamoDB Local: the unit project has no global setup', () => {
    expect(project('unit')).toBeDefined();
    expect(project('unit')?.globalSetup).toBeUndefined();
    expect(project('integration')?.globalSetup).toMatch(/global-setup/);
  });

  it('keeps unit tests off the helpers that call DynamoDB', () => {
    const reachDynamoDb = /support\/(invoke|streams|local-stack|global-setup)$|shared\/db\/client$/;
    const offenders = sourceFiles('test/unit').filter((file) => importsOf(file).some((specifier) => reachDynamoDb.test(specifier)));
    expect(offenders).toEqual([]);
  });

  it('gives the cheap password cost to integration tests only, never to the unit tests that assert the real one', () => {
    expect(Object.values(project('integration')?.moduleNameMapper ?? {})).toContain('<rootDir>/test/support/password-cost.ts');
    for (const name of ['unit', 'infra', 'e2e', 'browser']) expect(Object.values(project(name)?.moduleNameMapper ?? {})).not.toContain('<rootDir>/test/support/password-cost.ts');
  });

  it('lets no production source import anything from test/ (the cheap password cost included)', () => {
    const offenders = ['functions', 'shared', 'infra', 'web/src'].flatMap(sourceFiles).filter((file) =>
      importsOf(file).some((specifier) => /(^|\/)test\//.test(specifier) || specifier.endsWith('support/password-cost')),
    );
    expect(offenders).toEqual([]);
  });
});
