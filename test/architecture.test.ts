/**
 * Keeps the layers apart: domain ← nlu, bot, session-store (pure or adapter code) ← services.
 * Packages never import services or read process.env; wire types (@parley/proto) stay out of core packages;
 * services never import each other; every @parley import is a declared dependency.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
}

/** Tests (excluded from the build) may read the environment (CI=true) and import their devDependencies (@parley/testkit). */
const isTestSupport = (file: string): boolean => file.endsWith('.test.ts') || file.endsWith('.contract.ts');

const workspaces = [
  'packages/domain',
  'packages/nlu',
  'packages/encoder',
  'packages/bot',
  'packages/session-store',
  'packages/proto',
  'services/nlu',
  'services/dialogue',
];
const corePackages = ['packages/domain', 'packages/nlu', 'packages/encoder', 'packages/bot', 'packages/session-store'];

describe.each(workspaces)('%s', (workspace) => {
  const manifest = JSON.parse(readFileSync(join(root, workspace, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const declared = new Set(Object.keys(manifest.dependencies ?? {}));
  const declaredForTests = new Set([...declared, ...Object.keys(manifest.devDependencies ?? {})]);
  const files = sourceFiles(join(root, workspace, 'src'));

  it('imports only the @parley packages it declares', () => {
    const undeclared = files.flatMap((file) =>
      imports(file)
        .filter((spec) => spec.startsWith('@parley/'))
        .map((spec) => spec.split('/').slice(0, 2).join('/'))
        .filter((name) => !(isTestSupport(file) ? declaredForTests : declared).has(name))
        .map((name) => `${relative(root, file)} → ${name}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('never reaches into another workspace by relative path', () => {
    const escapes = files.flatMap((file) =>
      imports(file)
        .filter((spec) => spec.startsWith('.'))
        .filter((spec) => relative(join(root, workspace), join(file, '..', spec)).startsWith('..'))
        .map((spec) => `${relative(root, file)} → ${spec}`),
    );
    expect(escapes).toEqual([]);
  });

  if (corePackages.includes(workspace)) {
    it('is a core package: no services, no wire types, no process.env', () => {
      const offences = files.flatMap((file) => {
        const found = imports(file)
          .filter((spec) => /^@parley\/(proto|.*-service)$/.test(spec) || spec.includes('services/'))
          .map((spec) => `${relative(root, file)} → ${spec}`);
        const code = readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
          .join('\n');
        if (!isTestSupport(file) && /process\.env/.test(code)) found.push(`${relative(root, file)} reads process.env`);
        return found;
      });
      expect(offences).toEqual([]);
    });
  }
});
