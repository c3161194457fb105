/**
 * `parley train <definition.json|yaml> [--alias A]... [--local]`: trains through the NLU service (StartTraining,
 * then WatchJob with a progress bar) or, with --local, in this process into the model directory.
 */
import { parseArgs } from 'node:util';
import type { ServiceError } from '@grpc/grpc-js';
import type { nluV1 } from '@parley/proto';
import { ParleyError } from '@parley/domain';
import pino from 'pino';
import type { CliConfig } from '../config';
import { loadDefinitionFile } from '../definition/load-definition-file';
import { InlineTrainer } from '../jobs/inline-trainer';
import type { TrainingJob } from '../jobs/training-job';
import { NluMetrics } from '../metrics/nlu-metrics';
import { createNluCore } from '../service/create-nlu-core';
import { definitionToWire } from '../wire/definition-wire';
import { applyProgressFromWire, jobFromWire } from '../wire/job-wire';
import { UsageError, type CliIo } from './cli-io';
import { callUnary, createNluClient, fromServiceError } from './nlu-client';
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
    ? await trainLocally(definition, aliases, values['model-dir'] ?? config.modelDir, bar)
    : await trainRemotely(definitionToWire(definition), aliases, config, bar);
  bar.finish();
  return report(job, io);
}

async function trainLocally(
  definition: Parameters<typeof definitionToWire>[0],
  aliases: string[],
  modelDir: string,
  bar: ProgressBar,
): Promise<TrainingJob> {
  const core = await createNluCore({
    modelDir,
    modelMemoryBytes: Number.MAX_SAFE_INTEGER,
    maxConcurrentTrainings: 1,
    registryRefreshMs: 0,
    limits: { maxTextLength: Number.MAX_SAFE_INTEGER, maxBatch: Number.MAX_SAFE_INTEGER, maxEvaluateExamples: Number.MAX_SAFE_INTEGER },
    trainer: new InlineTrainer(),
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
  }
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
      stream.on('error', (error: ServiceError) => reject(fromServiceError(error, address)));
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
