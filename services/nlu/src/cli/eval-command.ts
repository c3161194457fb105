/**
 * `parley eval --train FILE --test FILE [--val FILE] [--oos-label oos] [--threshold X] [--seed N] [--encoder E] [--json]`:
 * trains in process and scores the test set with evaluateDataset. The threshold is --threshold, else picked on --val,
 * else the model's own (calibration). --encoder is the definition's config.encoder (auto, none, use-lite). With --json, stdout holds exactly one JSON
 * object; otherwise a readable summary, per-intent precision/recall and the most confused pairs.
 */
import { parseArgs } from 'node:util';
import { ENCODER_CHOICES, type EncoderChoice } from '@parley/domain';
import { evaluateDataset, type DatasetEvaluation } from '@parley/nlu';
import pino from 'pino';
import type { CliConfig } from '../config';
import { loadLabeledExamples } from '../definition/load-labeled-examples';
import { UsageError, type CliIo } from './cli-io';
import { installedEncoder } from '../service/installed-encoder';
import { formatEvaluation } from './format-evaluation';

export const EVAL_USAGE =
  'parley eval --train FILE --test FILE [--val FILE] [--oos-label oos] [--threshold X] [--seed N] [--language en] [--encoder auto|none|use-lite] [--json]';

/** Exactly the fields `--json` prints, in this order. */
const EVAL_JSON_FIELDS = [
  'top1Accuracy',
  'inScopeAccuracy',
  'oosRecall',
  'threshold',
  'trainSeconds',
  'predictP50Ms',
  'predictP99Ms',
  'intents',
  'trainExamples',
  'testExamples',
  'backend',
  'encoder',
] as const;

/** The CLI trains in its own process: one encoder thread, the service's default cache. */
export const CLI_ENCODER_SETTINGS = { mode: 'auto', threads: 1, cacheMegabytes: 64 } as const;

function numberOption(value: string | undefined, name: string, check: (n: number) => boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || !check(parsed))
    throw new UsageError(`--${name} ${JSON.stringify(value)} is not valid\nusage: ${EVAL_USAGE}`);
  return parsed;
}

export async function evalCommand(args: string[], _config: Readonly<CliConfig>, io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      val: { type: 'string' },
      'oos-label': { type: 'string', default: 'oos' },
      threshold: { type: 'string' },
      seed: { type: 'string' },
      language: { type: 'string', default: 'en' },
      encoder: { type: 'string', default: 'auto' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.train || !values.test || positionals.length > 0)
    throw new UsageError(`--train and --test are required\nusage: ${EVAL_USAGE}`);
  const threshold = numberOption(values.threshold, 'threshold', (n) => n >= 0 && n <= 1);
  const seed = numberOption(values.seed, 'seed', (n) => Number.isInteger(n) && n >= 0);
  const encoderChoice = values.encoder as EncoderChoice;
  if (!ENCODER_CHOICES.includes(encoderChoice))
    throw new UsageError(`--encoder ${JSON.stringify(values.encoder)} is not one of ${ENCODER_CHOICES.join(', ')}\nusage: ${EVAL_USAGE}`);
  const [train, test, val] = await Promise.all([
    loadLabeledExamples(values.train, '--train'),
    loadLabeledExamples(values.test, '--test'),
    values.val === undefined ? undefined : loadLabeledExamples(values.val, '--val'),
  ]);
  if (!values.json) io.stderr.write(`training on ${train.length} rows of ${values.train}...\n`);
  const encoder =
    encoderChoice === 'none' ? undefined : await installedEncoder(CLI_ENCODER_SETTINGS, pino({ level: values.json ? 'silent' : 'warn' }));
  let evaluation: DatasetEvaluation;
  try {
    evaluation = await evaluateDataset({
      train,
      test,
      ...(val ? { val } : {}),
      oosLabel: values['oos-label'],
      language: values.language,
      encoderChoice,
      ...(encoder ? { encoder } : {}),
      ...(threshold === undefined ? {} : { threshold }),
      ...(seed === undefined ? {} : { seed }),
    });
  } finally {
    await encoder?.close();
  }
  if (values.json) {
    // Picked field by field, so the object holds exactly the documented keys whatever the library adds.
    const summary = Object.fromEntries(EVAL_JSON_FIELDS.map((field) => [field, evaluation.metrics[field]]));
    io.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    io.stdout.write(formatEvaluation(evaluation, threshold !== undefined ? '--threshold' : val ? 'picked on --val' : "the model's own"));
  }
  return 0;
}
