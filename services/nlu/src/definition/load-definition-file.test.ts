import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParleyError } from '@parley/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitionFile } from './load-definition-file';

const yaml = `
name: greetings
language: en
intents:
  - name: greet
    trainingSentences: [hello, hi there, good morning]
  - name: weather
    trainingSentences:
      - weather in CITY
      - is it raining in CITY
    parameters:
      - { name: city, fragment: CITY, entity: city }
entities:
  - name: city
    entries:
      - value: Barcelona
        synonyms: [BCN]
config:
  threshold: 0.5
`;

async function errorOf(path: string): Promise<ParleyError> {
  const error = await loadDefinitionFile(path).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ParleyError);
  return error as ParleyError;
}

describe('loadDefinitionFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-definition-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads the same definition from YAML and JSON', async () => {
    await writeFile(join(dir, 'bot.yaml'), yaml);
    const fromYaml = await loadDefinitionFile(join(dir, 'bot.yaml'));
    await writeFile(join(dir, 'bot.json'), JSON.stringify(fromYaml));
    expect(await loadDefinitionFile(join(dir, 'bot.json'))).toEqual(fromYaml);
    expect(fromYaml.config.threshold).toBe(0.5);
    expect(fromYaml.entities[0]?.entries[0]).toEqual({ value: 'Barcelona', synonyms: ['BCN'] });
  });

  it('names the file and the field of an invalid definition', async () => {
    await writeFile(join(dir, 'bad.yml'), yaml.replace('threshold: 0.5', 'threshold: 5'));
    const error = await errorOf(join(dir, 'bad.yml'));
    expect(error.code).toBe('INVALID_DEFINITION');
    expect(error.field).toBe('config.threshold');
    expect(error.message).toContain('bad.yml');
  });

  it('reports unparsable files, unknown extensions and missing files', async () => {
    await writeFile(join(dir, 'broken.json'), '{"name": ');
    expect(await errorOf(join(dir, 'broken.json'))).toMatchObject({ code: 'INVALID_DEFINITION', field: 'file' });
    await writeFile(join(dir, 'bot.txt'), yaml);
    expect(await errorOf(join(dir, 'bot.txt'))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'file' });
    expect((await errorOf(join(dir, 'missing.yaml'))).message).toContain('ENOENT');
  });
});
