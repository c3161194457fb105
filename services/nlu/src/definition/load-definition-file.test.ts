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

  it('takes a $schema line for editors', async () => {
    await writeFile(join(dir, 'hinted.yaml'), `$schema: ./node_modules/@parley/nlu/definition.schema.json\n${yaml}`);
    expect((await loadDefinitionFile(join(dir, 'hinted.yaml'))).name).toBe('greetings');
  });

  it("refuses the proto's snake_case names, naming the camelCase field to write", async () => {
    const snake = yaml
      .replace('trainingSentences: [hello', 'training_sentences: [hello')
      .replace('config:', 'config:\n  hyper_parameters: {}');
    await writeFile(join(dir, 'snake.yaml'), snake);
    const error = await errorOf(join(dir, 'snake.yaml'));
    expect(error.field).toBe('intents[0].training_sentences');
    expect(error.message).toContain(
      `"training_sentences" is the proto's snake_case spelling; the definition file is camelCase: write "trainingSentences"`,
    );
    expect(error.message).toContain('config.hyper_parameters: "hyper_parameters" is the proto');
  });

  it('checks the file against the published JSON Schema, naming each field', async () => {
    await writeFile(join(dir, 'schema.yaml'), yaml.replace('language: en', 'language: xx').replace('threshold: 0.5', 'treshold: 0.5'));
    const error = await errorOf(join(dir, 'schema.yaml'));
    expect(error.field).toBe('language');
    expect(error.message).toContain(
      'language: must be equal to one of the allowed values (en, es, fr, de, it, pt, nl, ca, lb) (JSON Schema)',
    );
    expect(error.message).toContain('config.treshold: is not a field of the definition');
  });

  it('reports unparsable files, unknown extensions and missing files', async () => {
    await writeFile(join(dir, 'broken.json'), '{"name": ');
    expect(await errorOf(join(dir, 'broken.json'))).toMatchObject({ code: 'INVALID_DEFINITION', field: 'file' });
    await writeFile(join(dir, 'bot.txt'), yaml);
    expect(await errorOf(join(dir, 'bot.txt'))).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'file' });
    expect((await errorOf(join(dir, 'missing.yaml'))).message).toContain('ENOENT');
  });
});
