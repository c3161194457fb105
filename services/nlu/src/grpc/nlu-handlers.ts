/**
 * The Nlu service's RPC handlers: decode the request, call NluService, encode the answer. Every failure goes
 * through toGrpcStatus; the compiler checks that every RPC of the proto has a handler. A unary call's log lines
 * (an internal error, a slow answer, or every answer at debug level) carry the caller's request id, sent as metadata
 * x-request-id (PredictStream: each request's request_id; the dialogue service sends its REST request's or WebSocket
 * frame's id); nothing is logged per call at info level.
 */
import { performance } from 'node:perf_hooks';
import type { Metadata, ServerUnaryCall, ServerWritableStream, sendUnaryData } from '@grpc/grpc-js';
import { definitionFromWire, type nluV1, predictionToWire, REQUEST_ID_METADATA } from '@parley/proto';
import type { Logger } from 'pino';
import type { NluService } from '../service/nlu-service';
import type { TrainingJob } from '../jobs/training-job';
import { jobToWire, progressToWire } from '../wire/job-wire';
import { modelToWire } from '../wire/model-wire';
import { evaluationToWire, examplesFromWire } from '../wire/evaluation-wire';
import { LOGGABLE_REQUEST_ID, logAnswer } from './call-log';
import type { PredictStreams } from './predict-streams';
import { toGrpcStatus } from './to-grpc-status';

type Unary<Req, Res> = (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void;

/** The caller's request id, when it sent a well-formed one. Read only when a line may be logged: a failure, a slow call, debug. */
function requestIdOf(metadata: Metadata): string | undefined {
  const [value] = metadata.get(REQUEST_ID_METADATA);
  return typeof value === 'string' && LOGGABLE_REQUEST_ID.test(value) ? value : undefined;
}

export function createNluHandlers(service: NluService, logger: Logger, predictStreams: PredictStreams): nluV1.NluHandlers {
  function unary<Req, Res>(method: string, run: (request: Req) => Promise<Res>): Unary<Req, Res> {
    return (call, callback) => {
      const started = performance.now();
      run(call.request).then(
        (response) => {
          callback(null, response);
          logAnswer(logger, method, started, () => requestIdOf(call.metadata));
        },
        (error: unknown) => {
          const status = toGrpcStatus(error, logger, { method, requestId: requestIdOf(call.metadata) });
          callback(status);
          logAnswer(logger, method, started, () => requestIdOf(call.metadata), status.details);
        },
      );
    };
  }

  /** Streams one TrainProgress per job update until the job ends; the client canceling stops the stream only. */
  function streamJob(call: ServerWritableStream<unknown, nluV1.TrainProgress>, method: string, jobId: () => Promise<string>): void {
    const abort = new AbortController();
    call.on('cancelled', () => abort.abort());
    const write = (job: TrainingJob): void => {
      if (!abort.signal.aborted) call.write(progressToWire(job));
    };
    jobId()
      .then((id) => service.watchJob(id, write, abort.signal))
      .then(
        () => call.end(),
        (error: unknown) => call.emit('error', toGrpcStatus(error, logger, { method })),
      );
  }

  return {
    Train(call) {
      streamJob(call, 'Train', async () => {
        const job = await service.startTraining(definitionFromWire(call.request.definition), call.request.aliases);
        return job.id;
      });
    },
    StartTraining: unary('StartTraining', async (request: nluV1.TrainRequest__Output) =>
      jobToWire(await service.startTraining(definitionFromWire(request.definition), request.aliases)),
    ),
    GetJob: unary('GetJob', async (request: nluV1.JobRequest__Output) => jobToWire(await service.getJob(request.jobId))),
    WatchJob(call) {
      streamJob(call, 'WatchJob', () => Promise.resolve(call.request.jobId));
    },
    CancelJob: unary('CancelJob', async (request: nluV1.JobRequest__Output) => jobToWire(await service.cancelJob(request.jobId))),
    Predict: unary('Predict', async (request: nluV1.PredictRequest__Output) =>
      predictionToWire(await service.predict(request, request.text, request.scope), request.rankingLimit),
    ),
    PredictStream: predictStreams.handle,
    PredictBatch: unary('PredictBatch', async (request: nluV1.PredictBatchRequest__Output) => ({
      predictions: (await service.predictBatch(request, request.texts, request.scope)).map((prediction) =>
        predictionToWire(prediction, request.rankingLimit),
      ),
    })),
    Evaluate: unary('Evaluate', async (request: nluV1.EvaluateRequest__Output) =>
      evaluationToWire(
        await service.evaluate(request, examplesFromWire(request.examples), { oosLabel: request.oosLabel, scope: request.scope }),
      ),
    ),
    GetModel: unary('GetModel', async (request: nluV1.GetModelRequest__Output) => modelToWire(await service.getModel(request.model))),
    ListModels: unary('ListModels', async () => ({ models: (await service.listModels()).map(modelToWire) })),
    DeleteModel: unary('DeleteModel', async (request: nluV1.DeleteModelRequest__Output) => ({
      deleted: await service.deleteModel(request.model, request.version),
    })),
    SetAlias: unary('SetAlias', async (request: nluV1.SetAliasRequest__Output) =>
      modelToWire(await service.setAlias(request.model, request.alias, request.version)),
    ),
  };
}
