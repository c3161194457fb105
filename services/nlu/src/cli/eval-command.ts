/**
 * `parley eval --train FILE --test FILE [--val FILE] [--oos-label oos] [--threshold X] [--seed N] [--json] [--html FILE]`:
 * trains in process and scores the test set with evaluateDataset. With --json, stdout holds exactly one JSON
 * object; otherwise a readable summary, per-intent precision/recall and the most confused pairs. With --model
 * instead of --train, the NLU service scores its served model on the test set (the Evaluate RPC). --html writes
 * the report with pictures (eval-report/).
 */
import { parseArgs } from 'node:util';
import { evaluateDataset, type DatasetEvaluation } from '@parley/nlu';
import type { nluV1 } from '@parley/proto';
import type { CliConfig } from '../config';
import { loadLabeledExamples } from '../definition/load-labeled-examples';
import { UsageError, type CliIo } from './cli-io';
import { reportOfDataset, reportOfServedModel } from './eval-report/eval-report';
import { writeEvalReport } from './eval-report/write-eval-report';
import { formatEvaluation } from './format-evaluation';
import { callUnary, createNluClient } from './nlu-client';

export const EVAL_USAGE =
  'parley eval --train FILE --test FILE [--val FILE] [--oos-label oos] [--threshold X] [--seed N] [--language en] [--json] [--html FILE]\n' +
  '  parley eval --model ID [--ref ALIAS|VERSION] [--scope S] --test FILE [--oos-label oos] [--json] [--html FILE]';

/** Evaluate's deadline: a large test set on a busy service takes a while. */
const EVALUATE_TIMEOUT_MS = 600_000;

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
] as const;

function numberOption(value: string | undefined, name: string, check: (n: number) => boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || !check(parsed))
    throw new UsageError(`--${name} ${JSON.stringify(value)} is not valid\nusage: ${EVAL_USAGE}`);
  return parsed;
}

export async function evalCommand(args: string[], config: Readonly<CliConfig>, io: CliIo): Promise<number> {
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
      json: { type: 'boolean', default: false },
      html: { type: 'string' },
      model: { type: 'string' },
      ref: { type: 'string' },
      scope: { type: 'string' },
    },
  });
  if (values.model !== undefined) return evalServedModel({ ...values, model: values.model }, positionals, config, io);
  if (!values.train || !values.test || positionals.length > 0)
    throw new UsageError(`--train (or --model) and --test are required\nusage: ${EVAL_USAGE}`);
  const threshold = numberOption(values.threshold, 'threshold', (n) => n >= 0 && n <= 1);
  const seed = numberOption(values.seed, 'seed', (n) => Number.isInteger(n) && n >= 0);
  const [train, test, val] = await Promise.all([
    loadLabeledExamples(values.train, '--train'),
    loadLabeledExamples(values.test, '--test'),
    values.val === undefined ? undefined : loadLabeledExamples(values.val, '--val'),
  ]);
  if (!values.json) io.stderr.write(`training on ${train.length} rows of ${values.train}...\n`);
  const evaluation: DatasetEvaluation = await evaluateDataset({
    train,
    test,
    ...(val ? { val } : {}),
    oosLabel: values['oos-label'],
    language: values.language,
    ...(threshold === undefined ? {} : { threshold }),
    ...(seed === undefined ? {} : { seed }),
  });
  if (values.json) {
    // Picked field by field, so the object holds exactly the documented keys whatever the library adds.
    const summary = Object.fromEntries(EVAL_JSON_FIELDS.map((field) => [field, evaluation.metrics[field]]));
    io.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    io.stdout.write(formatEvaluation(evaluation));
  }
  if (values.html !== undefined) await writeEvalReport(values.html, reportOfDataset(evaluation, `${values.train} → ${values.test}`), io);
  return 0;
}

interface ServedModelOptions {
  model: string;
  ref?: string | undefined;
  scope?: string | undefined;
  test?: string | undefined;
  train?: string | undefined;
  val?: string | undefined;
  threshold?: string | undefined;
  seed?: string | undefined;
  'oos-label': string;
  json: boolean;
  html?: string | undefined;
}

/** `--model`: the served model scores the test set; training options do not apply. */
async function evalServedModel(values: ServedModelOptions, positionals: string[], config: Readonly<CliConfig>, io: CliIo): Promise<number> {
  if (!values.test || positionals.length > 0) throw new UsageError(`--model needs --test\nusage: ${EVAL_USAGE}`);
  const trainingOnly = (['train', 'val', 'threshold', 'seed'] as const).filter((name) => values[name] !== undefined);
  if (trainingOnly.length > 0) {
    throw new UsageError(`--${trainingOnly[0]} trains a model: it does not go with --model\nusage: ${EVAL_USAGE}`);
  }
  const test = await loadLabeledExamples(values.test, '--test');
  const client = createNluClient(config);
  let response: nluV1.EvaluateResponse__Output;
  try {
    const request: nluV1.EvaluateRequest = {
      model: values.model,
      ref: values.ref ?? '',
      scope: values.scope ?? '',
      examples: test,
      oosLabel: values['oos-label'],
    };
    response = await callUnary(config.nluAddress, (options, callback) => client.Evaluate(request, options, callback), EVALUATE_TIMEOUT_MS);
  } finally {
    client.close();
  }
  const report = reportOfServedModel(response, `model ${values.model}${values.ref ? ` (${values.ref})` : ''} on ${values.test}`);
  io.stdout.write(`${JSON.stringify(values.json ? report.summary : report, null, values.json ? undefined : 2)}\n`);
  if (values.html !== undefined) await writeEvalReport(values.html, report, io);
  return 0;
}
