/**
 * `parley train <definition.json|yaml> [--alias A]... [--local]`: trains through the NLU service (StartTraining,
 * then WatchJob with a progress bar) or, with --local, in this process into the model store (PARLEY_MODEL_STORE or
 * PARLEY_MODEL_DIR, or the directory --model-dir names).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServiceError } from '@grpc/grpc-js';
import { definitionToWire, parleyErrorFromGrpc, type nluV1 } from '@parley/proto';
import { ParleyError } from '@parley/domain';
import pino from 'pino';
import type { CliConfig } from '../config';
import { loadDefinitionFile } from '../definition/load-definition-file';
import { InlineTrainer } from '../jobs/inline-trainer';
import type { TrainingJob } from '../jobs/training-job';
import { NluMetrics } from '../metrics/nlu-metrics';
import type { ModelStoreLocation } from '../registry/open-model-store';
import { createNluCore } from '../service/create-nlu-core';
import { installedEncoder } from '../service/installed-encoder';
import { CLI_ENCODER_SETTINGS } from './eval-command';
import { applyProgressFromWire, jobFromWire } from '../wire/job-wire';
import { UsageError, type CliIo } from './cli-io';
import { callUnary, createNluClient } from './nlu-client';
import { ProgressBar } from './progress-bar';

export const TRAIN_USAGE = 'parley train <definition.json|yaml> [--alias NAME]... [--local] [--model-dir DIR]';

export async function trainCommand(args: string[], config: Readonly<CliConfig>, io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { alias: { type: 'string', multiple: true }, local: { type: 'boolean' }, 'model-dir': { type: 'string' } },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(`expected one definition file\nusage: ${TRAIN_USAGE}`);
  const definition = await loadDefinitionFile(file);
  const aliases = values.alias ?? [];
  const bar = new ProgressBar(io.stderr);
  const job = values.local
    ? await trainLocally(definition, aliases, localStore(values['model-dir'], config), bar)
    : await trainRemotely(definitionToWire(definition), aliases, config, bar);
  bar.finish();
  return report(job, io);
}

async function trainLocally(
  definition: Parameters<typeof definitionToWire>[0],
  aliases: string[],
  modelStore: ModelStoreLocation,
  bar: ProgressBar,
): Promise<TrainingJob> {
  const unbounded = Number.MAX_SAFE_INTEGER;
  const encoder = await installedEncoder(CLI_ENCODER_SETTINGS, pino({ level: 'warn' }));
  const core = await createNluCore({
    modelStore,
    modelMemoryBytes: unbounded,
    maxConcurrentTrainings: 1,
    maxQueuedTrainings: 0,
    registryRefreshMs: 0,
    // Local training runs on the author's own machine, at their own cost: no service limits apply.
    limits: {
      maxTextLength: unbounded,
      maxBatch: unbounded,
      maxEvaluateExamples: unbounded,
      trainingLimits: {
        maxSentenceLength: unbounded,
        maxSentencesPerIntent: unbounded,
        maxIntents: unbounded,
        maxDefinitionBytes: unbounded,
        maxEpochs: unbounded,
        maxSteps: unbounded,
        maxSeconds: Infinity,
      },
    },
    trainer: new InlineTrainer(),
    encoder,
    // Training only stores the artifact; the engine that serves it is chosen where it is served.
    kernels: false,
    metrics: new NluMetrics(),
    logger: pino({ level: 'silent' }),
  });
  try {
    const started = await core.service.startTraining(definition, aliases);
    return await core.service.watchJob(started.id, (job) => job.progress && bar.update(job.progress), new AbortController().signal);
  } finally {
    core.cache.clear();
    await core.close();
    await encoder?.close();
  }
}

/** `--model-dir` names a directory; otherwise the store the environment names (PARLEY_MODEL_STORE, PARLEY_MODEL_DIR). */
function localStore(modelDir: string | undefined, config: Readonly<CliConfig>): ModelStoreLocation {
  return modelDir === undefined ? config.modelStore : { kind: 'directory', dir: resolve(modelDir) };
}

async function trainRemotely(
  definition: ReturnType<typeof definitionToWire>,
  aliases: string[],
  config: Readonly<CliConfig>,
  bar: ProgressBar,
): Promise<TrainingJob> {
  const address = config.nluAddress;
  const client = createNluClient(config);
  try {
    const started = await callUnary<nluV1.TrainingJob__Output>(address, (options, callback) =>
      client.StartTraining({ definition, aliases }, options, callback),
    );
    let last = jobFromWire(started);
    await new Promise<void>((resolve, reject) => {
      const stream = client.WatchJob({ jobId: started.id });
      stream.on('data', (message: nluV1.TrainProgress__Output) => {
        last = applyProgressFromWire(last, message);
        if (last.progress) bar.update(last.progress);
      });
      stream.on('error', (error: ServiceError) => reject(parleyErrorFromGrpc(error, address)));
      stream.on('end', () => resolve());
    });
    return last;
  } finally {
    client.close();
  }
}

function report(job: TrainingJob, io: CliIo): number {
  if (job.state !== 'done' || !job.result) {
    throw new ParleyError(job.state === 'canceled' ? 'CANCELED' : 'INTERNAL', `training ${job.state}: ${job.error ?? 'no result'}`);
  }
  const { result } = job;
  for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
  const how = result.reused ? 'unchanged, reused' : `trained in ${result.trainSeconds.toFixed(2)} s`;
  io.stdout.write(`model ${result.modelId} version ${result.version} (${how})\n`);
  for (const stats of result.scopeStats) {
    io.stdout.write(
      `  scope ${stats.scope}: ${stats.intents} intents, ${stats.examples} examples, train accuracy ${stats.trainAccuracy.toFixed(3)}\n`,
    );
  }
  return 0;
}
