/**
 * The bot's definition file (PARLEY_BOT_DEFINITION_FILE): JSON or YAML in the shape `parley train` reads, whose
 * intents' `trainingSentences` join those of the bot's intents of the same name when the service trains. Phrases
 * labelled on the dashboard are written into it, so the next training picks them up. YAML keeps its comments and
 * layout (the yaml package's document model); JSON is rewritten with two-space indentation. Every write replaces the
 * file atomically (a temporary file renamed over it), one write at a time.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { type Document, isMap, isSeq, parseDocument, type YAMLMap, YAMLSeq } from 'yaml';
import { ParleyError, type BotDefinition } from '@parley/domain';

const VARIABLE = 'PARLEY_BOT_DEFINITION_FILE';

export class DefinitionFile {
  private writes: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {
    const extension = extname(path).toLowerCase();
    if (!['.json', '.yaml', '.yml'].includes(extension)) throw new Error(`${VARIABLE}: ${path} must end in .json, .yaml or .yml`);
  }

  private get isJson(): boolean {
    return extname(this.path).toLowerCase() === '.json';
  }

  /** The training sentences of each intent the file names. */
  async phrases(): Promise<Map<string, string[]>> {
    const document = await this.read();
    const phrases = new Map<string, string[]>();
    for (const intent of intentsOf(document.toJS() as unknown, this.path)) phrases.set(intent.name, intent.trainingSentences);
    return phrases;
  }

  /** `definition` with the file's phrases added to its intents; an intent the bot lacks is an error naming the variable. */
  async mergeInto(definition: BotDefinition): Promise<BotDefinition> {
    const phrases = await this.phrases();
    const known = new Set(definition.intents.map((intent) => intent.name));
    const unknown = [...phrases.keys()].filter((name) => !known.has(name));
    if (unknown.length > 0) throw new Error(`${VARIABLE}: ${this.path} names intents the bot does not have: ${unknown.join(', ')}`);
    return {
      ...definition,
      intents: definition.intents.map((intent) => ({
        ...intent,
        trainingSentences: unique([...intent.trainingSentences, ...(phrases.get(intent.name) ?? [])]),
      })),
    };
  }

  /** Adds `texts` to `intent`'s training sentences (creating its entry); returns those that were not there yet. */
  add(intent: string, texts: readonly string[]): Promise<string[]> {
    const write = this.writes.then(() => this.addNow(intent, texts));
    this.writes = write.catch(() => undefined);
    return write;
  }

  private async addNow(intent: string, texts: readonly string[]): Promise<string[]> {
    const document = await this.read();
    const root = document.contents;
    if (!isMap(root)) throw fileError(this.path, 'is not an object');
    if (!root.has('intents')) root.set('intents', new YAMLSeq());
    const intents = root.get('intents');
    if (!isSeq(intents)) throw fileError(this.path, 'intents is not a list');
    let entry = intents.items.find((item) => isMap(item) && item.get('name') === intent) as YAMLMap | undefined;
    if (entry === undefined) {
      entry = document.createNode({ name: intent, trainingSentences: [] });
      intents.add(entry);
    }
    if (!entry.has('trainingSentences')) entry.set('trainingSentences', new YAMLSeq());
    const sentences = entry.get('trainingSentences');
    if (!isSeq(sentences)) throw fileError(this.path, `trainingSentences of ${intent} is not a list`);
    const present = new Set(sentences.items.map((item) => String((item as { value?: unknown }).value ?? item)));
    const added = unique(texts.filter((text) => !present.has(text)));
    if (added.length === 0) return [];
    for (const text of added) sentences.add(document.createNode(text));
    const text = this.isJson ? `${JSON.stringify(document.toJS(), null, 2)}\n` : document.toString();
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, this.path);
    return added;
  }

  private async read(): Promise<Document> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      throw fileError(this.path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    // JSON is YAML: one parser reads both, and keeps YAML's comments for the rewrite.
    const document = parseDocument(text);
    if (document.errors.length > 0)
      throw fileError(this.path, `is not valid ${this.isJson ? 'JSON' : 'YAML'}: ${document.errors[0]?.message}`);
    return document;
  }
}

function intentsOf(value: unknown, path: string): Array<{ name: string; trainingSentences: string[] }> {
  const intents = (value as { intents?: unknown } | null)?.intents ?? [];
  if (!Array.isArray(intents)) throw fileError(path, 'intents is not a list');
  return intents.map((intent: unknown, index) => {
    const { name, trainingSentences = [] } = (intent ?? {}) as { name?: unknown; trainingSentences?: unknown };
    const valid = Array.isArray(trainingSentences) && trainingSentences.every((sentence) => typeof sentence === 'string');
    if (typeof name !== 'string' || !valid) throw fileError(path, `intents[${index}] needs a name and a list of trainingSentences`);
    return { name, trainingSentences };
  });
}

function unique(texts: readonly string[]): string[] {
  return [...new Set(texts)];
}

function fileError(path: string, problem: string): ParleyError {
  return new ParleyError('INVALID_DEFINITION', `${VARIABLE}: ${path} ${problem}`, { field: 'definitionFile' });
}
