import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_NLU_CONFIG, type BotDefinition } from '@parley/domain';
import { DefinitionFile } from './definition-file';

const BOT: BotDefinition = {
  name: 'bot',
  language: 'en',
  intents: [
    { name: 'greet', trainingSentences: ['hello', 'hi'], parameters: [] },
    { name: 'bye', trainingSentences: ['bye'], parameters: [] },
  ],
  entities: [],
  scopes: [],
  config: DEFAULT_NLU_CONFIG,
};

describe('DefinitionFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-definition-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('adds phrases to a YAML file, keeping its comments, skipping those already there', async () => {
    const path = join(dir, 'bot.yaml');
    await writeFile(path, '# our phrases\nname: bot\nintents:\n  - name: greet # the hello intent\n    trainingSentences:\n      - hey\n');
    const file = new DefinitionFile(path);
    expect(await file.add('greet', ['hey', 'howdy', 'howdy'])).toEqual(['howdy']);
    expect(await file.add('bye', ['see ya'])).toEqual(['see ya']);
    const text = await readFile(path, 'utf8');
    expect(text).toContain('# our phrases');
    expect(text).toContain('# the hello intent');
    expect(Object.fromEntries(await file.phrases())).toEqual({ greet: ['hey', 'howdy'], bye: ['see ya'] });
  });

  it('rewrites a JSON file as JSON, and serialises concurrent additions', async () => {
    const path = join(dir, 'bot.json');
    await writeFile(path, JSON.stringify({ name: 'bot', language: 'en', intents: [] }));
    const file = new DefinitionFile(path);
    await Promise.all([file.add('greet', ['a']), file.add('greet', ['b']), file.add('bye', ['c'])]);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      name: 'bot',
      language: 'en',
      intents: [
        { name: 'greet', trainingSentences: ['a', 'b'] },
        { name: 'bye', trainingSentences: ['c'] },
      ],
    });
  });

  it("merges the file's phrases into the bot's intents, and refuses an intent the bot lacks", async () => {
    const path = join(dir, 'merge.yaml');
    await writeFile(path, 'intents:\n  - name: greet\n    trainingSentences: [hi, howdy]\n');
    const merged = await new DefinitionFile(path).mergeInto(BOT);
    expect(merged.intents.map((intent) => intent.trainingSentences)).toEqual([['hello', 'hi', 'howdy'], ['bye']]);
    await writeFile(path, 'intents:\n  - name: dance\n    trainingSentences: [twist]\n');
    await expect(new DefinitionFile(path).mergeInto(BOT)).rejects.toThrow(
      /PARLEY_BOT_DEFINITION_FILE: .* names intents the bot does not have: dance/,
    );
  });

  it('names the variable for a file it cannot use', async () => {
    expect(() => new DefinitionFile(join(dir, 'bot.txt'))).toThrow(/PARLEY_BOT_DEFINITION_FILE/);
    await expect(new DefinitionFile(join(dir, 'missing.yaml')).phrases()).rejects.toMatchObject({ code: 'INVALID_DEFINITION' });
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"intents": [');
    await expect(new DefinitionFile(broken).add('greet', ['x'])).rejects.toThrow(/is not valid JSON/);
    await writeFile(broken, '{"intents": [{"name": 3}]}');
    await expect(new DefinitionFile(broken).phrases()).rejects.toThrow(/intents\[0\] needs a name/);
  });
});
