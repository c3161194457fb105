// Original file: proto/parley/nlu/v1/nlu.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeleteModelRequest as _parley_nlu_v1_DeleteModelRequest, DeleteModelRequest__Output as _parley_nlu_v1_DeleteModelRequest__Output } from '../../../parley/nlu/v1/DeleteModelRequest';
import type { DeleteModelResponse as _parley_nlu_v1_DeleteModelResponse, DeleteModelResponse__Output as _parley_nlu_v1_DeleteModelResponse__Output } from '../../../parley/nlu/v1/DeleteModelResponse';
import type { EvaluateRequest as _parley_nlu_v1_EvaluateRequest, EvaluateRequest__Output as _parley_nlu_v1_EvaluateRequest__Output } from '../../../parley/nlu/v1/EvaluateRequest';
import type { EvaluateResponse as _parley_nlu_v1_EvaluateResponse, EvaluateResponse__Output as _parley_nlu_v1_EvaluateResponse__Output } from '../../../parley/nlu/v1/EvaluateResponse';
import type { GetModelRequest as _parley_nlu_v1_GetModelRequest, GetModelRequest__Output as _parley_nlu_v1_GetModelRequest__Output } from '../../../parley/nlu/v1/GetModelRequest';
import type { IntentClassifierPrediction as _parley_nlu_v1_IntentClassifierPrediction, IntentClassifierPrediction__Output as _parley_nlu_v1_IntentClassifierPrediction__Output } from '../../../parley/nlu/v1/IntentClassifierPrediction';
import type { JobRequest as _parley_nlu_v1_JobRequest, JobRequest__Output as _parley_nlu_v1_JobRequest__Output } from '../../../parley/nlu/v1/JobRequest';
import type { ListModelsRequest as _parley_nlu_v1_ListModelsRequest, ListModelsRequest__Output as _parley_nlu_v1_ListModelsRequest__Output } from '../../../parley/nlu/v1/ListModelsRequest';
import type { ListModelsResponse as _parley_nlu_v1_ListModelsResponse, ListModelsResponse__Output as _parley_nlu_v1_ListModelsResponse__Output } from '../../../parley/nlu/v1/ListModelsResponse';
import type { Model as _parley_nlu_v1_Model, Model__Output as _parley_nlu_v1_Model__Output } from '../../../parley/nlu/v1/Model';
import type { PredictBatchRequest as _parley_nlu_v1_PredictBatchRequest, PredictBatchRequest__Output as _parley_nlu_v1_PredictBatchRequest__Output } from '../../../parley/nlu/v1/PredictBatchRequest';
import type { PredictBatchResponse as _parley_nlu_v1_PredictBatchResponse, PredictBatchResponse__Output as _parley_nlu_v1_PredictBatchResponse__Output } from '../../../parley/nlu/v1/PredictBatchResponse';
import type { PredictRequest as _parley_nlu_v1_PredictRequest, PredictRequest__Output as _parley_nlu_v1_PredictRequest__Output } from '../../../parley/nlu/v1/PredictRequest';
import type { PredictStreamRequest as _parley_nlu_v1_PredictStreamRequest, PredictStreamRequest__Output as _parley_nlu_v1_PredictStreamRequest__Output } from '../../../parley/nlu/v1/PredictStreamRequest';
import type { PredictStreamResponse as _parley_nlu_v1_PredictStreamResponse, PredictStreamResponse__Output as _parley_nlu_v1_PredictStreamResponse__Output } from '../../../parley/nlu/v1/PredictStreamResponse';
import type { SetAliasRequest as _parley_nlu_v1_SetAliasRequest, SetAliasRequest__Output as _parley_nlu_v1_SetAliasRequest__Output } from '../../../parley/nlu/v1/SetAliasRequest';
import type { TrainProgress as _parley_nlu_v1_TrainProgress, TrainProgress__Output as _parley_nlu_v1_TrainProgress__Output } from '../../../parley/nlu/v1/TrainProgress';
import type { TrainRequest as _parley_nlu_v1_TrainRequest, TrainRequest__Output as _parley_nlu_v1_TrainRequest__Output } from '../../../parley/nlu/v1/TrainRequest';
import type { TrainingJob as _parley_nlu_v1_TrainingJob, TrainingJob__Output as _parley_nlu_v1_TrainingJob__Output } from '../../../parley/nlu/v1/TrainingJob';

export interface NluClient extends grpc.Client {
  CancelJob(argument: _parley_nlu_v1_JobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _parley_nlu_v1_JobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _parley_nlu_v1_JobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _parley_nlu_v1_JobRequest, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _parley_nlu_v1_JobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _parley_nlu_v1_JobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _parley_nlu_v1_JobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _parley_nlu_v1_JobRequest, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  
  DeleteModel(argument: _parley_nlu_v1_DeleteModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_DeleteModelResponse__Output>): grpc.ClientUnaryCall;
  DeleteModel(argument: _parley_nlu_v1_DeleteModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_DeleteModelResponse__Output>): grpc.ClientUnaryCall;
  DeleteModel(argument: _parley_nlu_v1_DeleteModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_DeleteModelResponse__Output>): grpc.ClientUnaryCall;
  DeleteModel(argument: _parley_nlu_v1_DeleteModelRequest, callback: grpc.requestCallback<_parley_nlu_v1_DeleteModelResponse__Output>): grpc.ClientUnaryCall;
  deleteModel(argument: _parley_nlu_v1_DeleteModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_DeleteModelResponse__Output>): grpc.ClientUnaryCall;
  deleteModel(argument: _parley_nlu_v1_DeleteModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_DeleteModelResponse__Output>): grpc.ClientUnaryCall;
  deleteModel(argument: _parley_nlu_v1_DeleteModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_DeleteModelResponse__Output>): grpc.ClientUnaryCall;
  deleteModel(argument: _parley_nlu_v1_DeleteModelRequest, callback: grpc.requestCallback<_parley_nlu_v1_DeleteModelResponse__Output>): grpc.ClientUnaryCall;
  
  Evaluate(argument: _parley_nlu_v1_EvaluateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _parley_nlu_v1_EvaluateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _parley_nlu_v1_EvaluateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _parley_nlu_v1_EvaluateRequest, callback: grpc.requestCallback<_parley_nlu_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _parley_nlu_v1_EvaluateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _parley_nlu_v1_EvaluateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _parley_nlu_v1_EvaluateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _parley_nlu_v1_EvaluateRequest, callback: grpc.requestCallback<_parley_nlu_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  
  GetJob(argument: _parley_nlu_v1_JobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _parley_nlu_v1_JobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _parley_nlu_v1_JobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _parley_nlu_v1_JobRequest, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  getJob(argument: _parley_nlu_v1_JobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  getJob(argument: _parley_nlu_v1_JobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  getJob(argument: _parley_nlu_v1_JobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  getJob(argument: _parley_nlu_v1_JobRequest, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  
  GetModel(argument: _parley_nlu_v1_GetModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  GetModel(argument: _parley_nlu_v1_GetModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  GetModel(argument: _parley_nlu_v1_GetModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  GetModel(argument: _parley_nlu_v1_GetModelRequest, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  getModel(argument: _parley_nlu_v1_GetModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  getModel(argument: _parley_nlu_v1_GetModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  getModel(argument: _parley_nlu_v1_GetModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  getModel(argument: _parley_nlu_v1_GetModelRequest, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  
  ListModels(argument: _parley_nlu_v1_ListModelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ListModels(argument: _parley_nlu_v1_ListModelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ListModels(argument: _parley_nlu_v1_ListModelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ListModels(argument: _parley_nlu_v1_ListModelsRequest, callback: grpc.requestCallback<_parley_nlu_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _parley_nlu_v1_ListModelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _parley_nlu_v1_ListModelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _parley_nlu_v1_ListModelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _parley_nlu_v1_ListModelsRequest, callback: grpc.requestCallback<_parley_nlu_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  
  Predict(argument: _parley_nlu_v1_PredictRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_IntentClassifierPrediction__Output>): grpc.ClientUnaryCall;
  Predict(argument: _parley_nlu_v1_PredictRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_IntentClassifierPrediction__Output>): grpc.ClientUnaryCall;
  Predict(argument: _parley_nlu_v1_PredictRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_IntentClassifierPrediction__Output>): grpc.ClientUnaryCall;
  Predict(argument: _parley_nlu_v1_PredictRequest, callback: grpc.requestCallback<_parley_nlu_v1_IntentClassifierPrediction__Output>): grpc.ClientUnaryCall;
  predict(argument: _parley_nlu_v1_PredictRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_IntentClassifierPrediction__Output>): grpc.ClientUnaryCall;
  predict(argument: _parley_nlu_v1_PredictRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_IntentClassifierPrediction__Output>): grpc.ClientUnaryCall;
  predict(argument: _parley_nlu_v1_PredictRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_IntentClassifierPrediction__Output>): grpc.ClientUnaryCall;
  predict(argument: _parley_nlu_v1_PredictRequest, callback: grpc.requestCallback<_parley_nlu_v1_IntentClassifierPrediction__Output>): grpc.ClientUnaryCall;
  
  PredictBatch(argument: _parley_nlu_v1_PredictBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_PredictBatchResponse__Output>): grpc.ClientUnaryCall;
  PredictBatch(argument: _parley_nlu_v1_PredictBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_PredictBatchResponse__Output>): grpc.ClientUnaryCall;
  PredictBatch(argument: _parley_nlu_v1_PredictBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_PredictBatchResponse__Output>): grpc.ClientUnaryCall;
  PredictBatch(argument: _parley_nlu_v1_PredictBatchRequest, callback: grpc.requestCallback<_parley_nlu_v1_PredictBatchResponse__Output>): grpc.ClientUnaryCall;
  predictBatch(argument: _parley_nlu_v1_PredictBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_PredictBatchResponse__Output>): grpc.ClientUnaryCall;
  predictBatch(argument: _parley_nlu_v1_PredictBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_PredictBatchResponse__Output>): grpc.ClientUnaryCall;
  predictBatch(argument: _parley_nlu_v1_PredictBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_PredictBatchResponse__Output>): grpc.ClientUnaryCall;
  predictBatch(argument: _parley_nlu_v1_PredictBatchRequest, callback: grpc.requestCallback<_parley_nlu_v1_PredictBatchResponse__Output>): grpc.ClientUnaryCall;
  
  PredictStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_parley_nlu_v1_PredictStreamRequest, _parley_nlu_v1_PredictStreamResponse__Output>;
  PredictStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_parley_nlu_v1_PredictStreamRequest, _parley_nlu_v1_PredictStreamResponse__Output>;
  predictStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_parley_nlu_v1_PredictStreamRequest, _parley_nlu_v1_PredictStreamResponse__Output>;
  predictStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_parley_nlu_v1_PredictStreamRequest, _parley_nlu_v1_PredictStreamResponse__Output>;
  
  SetAlias(argument: _parley_nlu_v1_SetAliasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  SetAlias(argument: _parley_nlu_v1_SetAliasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  SetAlias(argument: _parley_nlu_v1_SetAliasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  SetAlias(argument: _parley_nlu_v1_SetAliasRequest, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  setAlias(argument: _parley_nlu_v1_SetAliasRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  setAlias(argument: _parley_nlu_v1_SetAliasRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  setAlias(argument: _parley_nlu_v1_SetAliasRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  setAlias(argument: _parley_nlu_v1_SetAliasRequest, callback: grpc.requestCallback<_parley_nlu_v1_Model__Output>): grpc.ClientUnaryCall;
  
  StartTraining(argument: _parley_nlu_v1_TrainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  StartTraining(argument: _parley_nlu_v1_TrainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  StartTraining(argument: _parley_nlu_v1_TrainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  StartTraining(argument: _parley_nlu_v1_TrainRequest, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  startTraining(argument: _parley_nlu_v1_TrainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  startTraining(argument: _parley_nlu_v1_TrainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  startTraining(argument: _parley_nlu_v1_TrainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  startTraining(argument: _parley_nlu_v1_TrainRequest, callback: grpc.requestCallback<_parley_nlu_v1_TrainingJob__Output>): grpc.ClientUnaryCall;
  
  Train(argument: _parley_nlu_v1_TrainRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_parley_nlu_v1_TrainProgress__Output>;
  Train(argument: _parley_nlu_v1_TrainRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_parley_nlu_v1_TrainProgress__Output>;
  train(argument: _parley_nlu_v1_TrainRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_parley_nlu_v1_TrainProgress__Output>;
  train(argument: _parley_nlu_v1_TrainRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_parley_nlu_v1_TrainProgress__Output>;
  
  WatchJob(argument: _parley_nlu_v1_JobRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_parley_nlu_v1_TrainProgress__Output>;
  WatchJob(argument: _parley_nlu_v1_JobRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_parley_nlu_v1_TrainProgress__Output>;
  watchJob(argument: _parley_nlu_v1_JobRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_parley_nlu_v1_TrainProgress__Output>;
  watchJob(argument: _parley_nlu_v1_JobRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_parley_nlu_v1_TrainProgress__Output>;
  
}

export interface NluHandlers extends grpc.UntypedServiceImplementation {
  CancelJob: grpc.handleUnaryCall<_parley_nlu_v1_JobRequest__Output, _parley_nlu_v1_TrainingJob>;
  
  DeleteModel: grpc.handleUnaryCall<_parley_nlu_v1_DeleteModelRequest__Output, _parley_nlu_v1_DeleteModelResponse>;
  
  Evaluate: grpc.handleUnaryCall<_parley_nlu_v1_EvaluateRequest__Output, _parley_nlu_v1_EvaluateResponse>;
  
  GetJob: grpc.handleUnaryCall<_parley_nlu_v1_JobRequest__Output, _parley_nlu_v1_TrainingJob>;
  
  GetModel: grpc.handleUnaryCall<_parley_nlu_v1_GetModelRequest__Output, _parley_nlu_v1_Model>;
  
  ListModels: grpc.handleUnaryCall<_parley_nlu_v1_ListModelsRequest__Output, _parley_nlu_v1_ListModelsResponse>;
  
  Predict: grpc.handleUnaryCall<_parley_nlu_v1_PredictRequest__Output, _parley_nlu_v1_IntentClassifierPrediction>;
  
  PredictBatch: grpc.handleUnaryCall<_parley_nlu_v1_PredictBatchRequest__Output, _parley_nlu_v1_PredictBatchResponse>;
  
  PredictStream: grpc.handleBidiStreamingCall<_parley_nlu_v1_PredictStreamRequest__Output, _parley_nlu_v1_PredictStreamResponse>;
  
  SetAlias: grpc.handleUnaryCall<_parley_nlu_v1_SetAliasRequest__Output, _parley_nlu_v1_Model>;
  
  StartTraining: grpc.handleUnaryCall<_parley_nlu_v1_TrainRequest__Output, _parley_nlu_v1_TrainingJob>;
  
  Train: grpc.handleServerStreamingCall<_parley_nlu_v1_TrainRequest__Output, _parley_nlu_v1_TrainProgress>;
  
  WatchJob: grpc.handleServerStreamingCall<_parley_nlu_v1_JobRequest__Output, _parley_nlu_v1_TrainProgress>;
  
}

export interface NluDefinition extends grpc.ServiceDefinition {
  CancelJob: MethodDefinition<_parley_nlu_v1_JobRequest, _parley_nlu_v1_TrainingJob, _parley_nlu_v1_JobRequest__Output, _parley_nlu_v1_TrainingJob__Output>
  DeleteModel: MethodDefinition<_parley_nlu_v1_DeleteModelRequest, _parley_nlu_v1_DeleteModelResponse, _parley_nlu_v1_DeleteModelRequest__Output, _parley_nlu_v1_DeleteModelResponse__Output>
  Evaluate: MethodDefinition<_parley_nlu_v1_EvaluateRequest, _parley_nlu_v1_EvaluateResponse, _parley_nlu_v1_EvaluateRequest__Output, _parley_nlu_v1_EvaluateResponse__Output>
  GetJob: MethodDefinition<_parley_nlu_v1_JobRequest, _parley_nlu_v1_TrainingJob, _parley_nlu_v1_JobRequest__Output, _parley_nlu_v1_TrainingJob__Output>
  GetModel: MethodDefinition<_parley_nlu_v1_GetModelRequest, _parley_nlu_v1_Model, _parley_nlu_v1_GetModelRequest__Output, _parley_nlu_v1_Model__Output>
  ListModels: MethodDefinition<_parley_nlu_v1_ListModelsRequest, _parley_nlu_v1_ListModelsResponse, _parley_nlu_v1_ListModelsRequest__Output, _parley_nlu_v1_ListModelsResponse__Output>
  Predict: MethodDefinition<_parley_nlu_v1_PredictRequest, _parley_nlu_v1_IntentClassifierPrediction, _parley_nlu_v1_PredictRequest__Output, _parley_nlu_v1_IntentClassifierPrediction__Output>
  PredictBatch: MethodDefinition<_parley_nlu_v1_PredictBatchRequest, _parley_nlu_v1_PredictBatchResponse, _parley_nlu_v1_PredictBatchRequest__Output, _parley_nlu_v1_PredictBatchResponse__Output>
  PredictStream: MethodDefinition<_parley_nlu_v1_PredictStreamRequest, _parley_nlu_v1_PredictStreamResponse, _parley_nlu_v1_PredictStreamRequest__Output, _parley_nlu_v1_PredictStreamResponse__Output>
  SetAlias: MethodDefinition<_parley_nlu_v1_SetAliasRequest, _parley_nlu_v1_Model, _parley_nlu_v1_SetAliasRequest__Output, _parley_nlu_v1_Model__Output>
  StartTraining: MethodDefinition<_parley_nlu_v1_TrainRequest, _parley_nlu_v1_TrainingJob, _parley_nlu_v1_TrainRequest__Output, _parley_nlu_v1_TrainingJob__Output>
  Train: MethodDefinition<_parley_nlu_v1_TrainRequest, _parley_nlu_v1_TrainProgress, _parley_nlu_v1_TrainRequest__Output, _parley_nlu_v1_TrainProgress__Output>
  WatchJob: MethodDefinition<_parley_nlu_v1_JobRequest, _parley_nlu_v1_TrainProgress, _parley_nlu_v1_JobRequest__Output, _parley_nlu_v1_TrainProgress__Output>
}
