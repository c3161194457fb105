/**
 * The encoder end to end: real graph threads running the installed USE-lite weights. The threads run the compiled
 * worker (dist/graph-worker.js), so this needs a build first (`npx tsc -b packages/encoder`; `npm test` builds).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphWorkerFile } from './graph-thread';
import { UseLiteEncoder } from './use-lite-encoder';
import { USE_LITE_IDENTITY } from './use-lite-package';

/**
 * Computed outside the repository by @energetic-ai/embeddings 0.2.0 with @energetic-ai/core 0.2.0 (their own
 * TensorFlow.js, wasm backend) on the same weights: the first 8 dimensions and the norm of each USE embedding, the
 * first half of Parley's sentence vector (times √2).
 */
const REFERENCE = [
  {
    text: 'How do I reset my password?',
    first8: [-0.048459072, -0.05457256, 0.040226281, -0.053938169, 0.054373633, -0.054470286, 0.053996, 0.014159916],
    norm: 0.99999965,
  },
  {
    text: 'what is the weather like in Paris tomorrow',
    first8: [-0.056650385, -0.031483781, -0.052300818, -0.0026090371, -0.04316451, 0.055855576, 0.055422902, -0.018101191],
    norm: 1.0000001,
  },
  {
    text: 'Book a table for 2 at 7:30pm',
    first8: [0.038218293, -0.064151675, -0.04310723, 0.04470605, 0.011983276, -0.058488782, -0.021829339, 0.0064391959],
    norm: 1,
  },
  {
    text: 'Café crème, s’il vous plaît 😀',
    first8: [-0.052394941, 0.0081665702, 0.0010082747, 0.0096496036, -0.058939379, 0.0049779965, -0.012908683, -0.041723922],
    norm: 0.99999993,
  },
  {
    text: 'cancel my order',
    first8: [0.047930498, -0.053366959, 0.048933808, -0.053539425, -0.017989982, -0.046581868, 0.043470103, 0.0157774],
    norm: 1.0000001,
  },
  {
    text: 'I want to cancel my order',
    first8: [0.044238098, -0.058312364, 0.058104847, -0.0585403, -0.010205437, -0.05194322, 0.013879126, 0.055577345],
    norm: 0.99999978,
  },
];

/** [text, its paraphrase, an unrelated text]. */
const PARAPHRASES: [string, string, string][] = [
  ['How do I reset my password?', 'I forgot my password, how can I change it?', 'What is the weather like in Paris?'],
  ['cancel my order', 'I want to cancel my order', 'play some jazz music'],
  ['what time is it', 'do you know the current time', 'book a flight to London'],
  ['book a table for two tonight', 'reserve a table for 2 people this evening', 'my credit card was declined'],
  ['how much money is in my checking account', "what's my account balance", 'set an alarm for 7 am'],
];

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const unit = (v: Float32Array): Float32Array => v.map((x) => x / Math.sqrt(dot(v, v)));
/** USE's embedding and the mean-pooled transformer output, each of length 1. */
const halves = (v: Float32Array): [Float32Array, Float32Array] => [unit(v.subarray(0, 512)), unit(v.subarray(512))];
const bitsOf = (vector: Float32Array): number[] => [...new Uint32Array(vector.buffer, vector.byteOffset, vector.length)];

describe('UseLiteEncoder', () => {
  // Without a cache, every encode() runs the graph: what the determinism tests need.
  let encoder: UseLiteEncoder;

  beforeAll(async () => {
    if (!existsSync(graphWorkerFile())) throw new Error(`${graphWorkerFile()} is missing: run npx tsc -b packages/encoder first`);
    encoder = await UseLiteEncoder.open({ threads: 1, cacheMegabytes: 0 });
  });
  afterAll(() => encoder.close());

  it('names its weights and its dimension', () => {
    expect(encoder.identity).toBe(USE_LITE_IDENTITY);
    expect(USE_LITE_IDENTITY).toBe('use-lite+pooled@0.2.0');
    expect(encoder.dimension).toBe(1024);
  });

  it('gives the reference vectors (first 8 dimensions and norm, to 1e-4)', async () => {
    const vectors = await encoder.encode(REFERENCE.map((reference) => reference.text));
    REFERENCE.forEach((reference, i) => {
      const vector = vectors[i]!;
      expect(vector).toHaveLength(1024);
      const embedding = vector.subarray(0, 512).map((value) => value * Math.SQRT2);
      [...embedding.subarray(0, 8)].forEach((value, d) => expect(Math.abs(value - reference.first8[d]!)).toBeLessThan(1e-4));
      expect(Math.abs(Math.sqrt(dot(embedding, embedding)) - reference.norm)).toBeLessThan(1e-4);
      // The pooled half has the same length: the whole vector is of length 1.
      expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
    });
  });

  it('puts a paraphrase clearly closer than an unrelated text', async () => {
    for (const [text, paraphrase, unrelated] of PARAPHRASES) {
      const [v, p, u] = await encoder.encode([text, paraphrase, unrelated]);
      expect(dot(v!, p!) - dot(v!, u!), `${text} / ${paraphrase} / ${unrelated}`).toBeGreaterThan(0.25);
      // Each half on its own too: the pooled half is a sentence's meaning, not noise.
      const [[ve, vp], [pe, pp], [ue, up]] = [halves(v!), halves(p!), halves(u!)];
      expect(dot(ve, pe) - dot(ve, ue), `embeddings: ${text}`).toBeGreaterThan(0.25);
      expect(dot(vp, pp) - dot(vp, up), `pooled: ${text}`).toBeGreaterThan(0.1);
    }
  });

  it('gives a text the same bits alone, in a batch of texts of other lengths, and in calls made together', async () => {
    const texts = ['hi', 'cancel my order', 'order pizza', 'How do I reset my password?', 'what time is it', ...PARAPHRASES.flat(), ''];
    const alone: number[][] = [];
    for (const text of texts) alone.push(bitsOf((await encoder.encode([text]))[0]!));
    const together = await encoder.encode(texts);
    const concurrent = await Promise.all(texts.map((text) => encoder.encode([text, 'filler text of some length'])));
    texts.forEach((text, i) => {
      expect(bitsOf(together[i]!), text).toEqual(alone[i]);
      expect(bitsOf(concurrent[i]![0]!), text).toEqual(alone[i]);
    });
  });

  it('embeds the empty text (a text of no pieces), and the same way every time', async () => {
    const [empty, again] = await encoder.encode(['', '']);
    expect(Math.sqrt(dot(empty!, empty!))).toBeCloseTo(1, 5);
    expect(bitsOf(again!)).toEqual(bitsOf(empty!));
  });

  it('keeps the event loop free while the graph runs', async () => {
    const texts = Array.from({ length: 64 }, (_, i) => `please tell me the balance of savings account number ${i}`);
    let last = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 2);
    const started = performance.now();
    await encoder.encode(texts);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // A graph on this thread would block it for the whole batch; tokenizing 64 texts takes a few milliseconds.
    expect(longestGap * 4).toBeLessThan(elapsed);
  });
});

describe('UseLiteEncoder with a cache and two threads', () => {
  let encoder: UseLiteEncoder;
  let uncached: UseLiteEncoder;

  beforeAll(async () => {
    encoder = await UseLiteEncoder.open({ threads: 2, cacheMegabytes: 1 });
    uncached = await UseLiteEncoder.open({ threads: 1, cacheMegabytes: 0 });
  });
  afterAll(async () => {
    await encoder.close();
    await uncached.close();
  });

  it('gives the same bits on other threads of another encoder', async () => {
    const texts = PARAPHRASES.flat();
    const [a, b] = await Promise.all([encoder.encode(texts), uncached.encode(texts)]);
    texts.forEach((text, i) => expect(bitsOf(a[i]!), text).toEqual(bitsOf(b[i]!)));
  });

  it('embeds a text once: re-encoding it is answered from the cache, with copies the caller may change', async () => {
    const texts = Array.from({ length: 64 }, (_, i) => `what is on my calendar for day ${i} of the month`);
    const started = performance.now();
    const first = await encoder.encode(texts);
    const firstMs = performance.now() - started;
    first[0]!.fill(0);
    const restarted = performance.now();
    const second = await encoder.encode(texts);
    const secondMs = performance.now() - restarted;
    expect(secondMs * 10).toBeLessThan(firstMs);
    expect(second[0]!.some((value) => value !== 0)).toBe(true);
    expect(bitsOf(second[1]!)).toEqual(bitsOf(first[1]!));
  });

  it('rejects once closed, and closes twice without harm (afterAll closes it a third time)', async () => {
    await uncached.close();
    await uncached.close();
    await expect(uncached.encode(['too late'])).rejects.toThrow('the sentence encoder is closed');
  });
});
