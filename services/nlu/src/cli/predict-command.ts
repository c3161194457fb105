/** `parley predict --model ID [--scope S] [--ref R] TEXT...`: asks the NLU service and prints the prediction JSON. */
import { parseArgs } from 'node:util';
import { type nluV1, predictionFromWire } from '@parley/proto';
import type { CliConfig } from '../config';
import { UsageError, type CliIo } from './cli-io';
import { callUnary, createNluClient } from './nlu-client';

export const PREDICT_USAGE = 'parley predict --model ID [--scope SCOPE] [--ref ALIAS|VERSION] TEXT...';

export async function predictCommand(args: string[], config: Readonly<CliConfig>, io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { model: { type: 'string' }, scope: { type: 'string' }, ref: { type: 'string' } },
  });
  if (!values.model) throw new UsageError(`--model is required\nusage: ${PREDICT_USAGE}`);
  if (positionals.length === 0) throw new UsageError(`the text to classify is missing\nusage: ${PREDICT_USAGE}`);
  const request: nluV1.PredictRequest = {
    model: values.model,
    ref: values.ref ?? '',
    scope: values.scope ?? '',
    text: positionals.join(' '),
  };
  const client = createNluClient(config);
  try {
    const wire = await callUnary<nluV1.IntentClassifierPrediction__Output>(config.nluAddress, (options, callback) =>
      client.Predict(request, options, callback),
    );
    io.stdout.write(`${JSON.stringify(predictionFromWire(wire), null, 2)}\n`);
    return 0;
  } finally {
    client.close();
  }
}
