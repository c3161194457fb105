import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value';
import type { BotDefinition as _parley_nlu_v1_BotDefinition, BotDefinition__Output as _parley_nlu_v1_BotDefinition__Output } from './parley/nlu/v1/BotDefinition';
import type { Calibration as _parley_nlu_v1_Calibration, Calibration__Output as _parley_nlu_v1_Calibration__Output } from './parley/nlu/v1/Calibration';
import type { Confusion as _parley_nlu_v1_Confusion, Confusion__Output as _parley_nlu_v1_Confusion__Output } from './parley/nlu/v1/Confusion';
import type { DeleteModelRequest as _parley_nlu_v1_DeleteModelRequest, DeleteModelRequest__Output as _parley_nlu_v1_DeleteModelRequest__Output } from './parley/nlu/v1/DeleteModelRequest';
import type { DeleteModelResponse as _parley_nlu_v1_DeleteModelResponse, DeleteModelResponse__Output as _parley_nlu_v1_DeleteModelResponse__Output } from './parley/nlu/v1/DeleteModelResponse';
import type { Entity as _parley_nlu_v1_Entity, Entity__Output as _parley_nlu_v1_Entity__Output } from './parley/nlu/v1/Entity';
import type { EntityEntry as _parley_nlu_v1_EntityEntry, EntityEntry__Output as _parley_nlu_v1_EntityEntry__Output } from './parley/nlu/v1/EntityEntry';
import type { EvaluateRequest as _parley_nlu_v1_EvaluateRequest, EvaluateRequest__Output as _parley_nlu_v1_EvaluateRequest__Output } from './parley/nlu/v1/EvaluateRequest';
import type { EvaluateResponse as _parley_nlu_v1_EvaluateResponse, EvaluateResponse__Output as _parley_nlu_v1_EvaluateResponse__Output } from './parley/nlu/v1/EvaluateResponse';
import type { GetModelRequest as _parley_nlu_v1_GetModelRequest, GetModelRequest__Output as _parley_nlu_v1_GetModelRequest__Output } from './parley/nlu/v1/GetModelRequest';
import type { Intent as _parley_nlu_v1_Intent, Intent__Output as _parley_nlu_v1_Intent__Output } from './parley/nlu/v1/Intent';
import type { IntentClassifierPrediction as _parley_nlu_v1_IntentClassifierPrediction, IntentClassifierPrediction__Output as _parley_nlu_v1_IntentClassifierPrediction__Output } from './parley/nlu/v1/IntentClassifierPrediction';
import type { IntentMetrics as _parley_nlu_v1_IntentMetrics, IntentMetrics__Output as _parley_nlu_v1_IntentMetrics__Output } from './parley/nlu/v1/IntentMetrics';
import type { IntentParameter as _parley_nlu_v1_IntentParameter, IntentParameter__Output as _parley_nlu_v1_IntentParameter__Output } from './parley/nlu/v1/IntentParameter';
import type { IntentScore as _parley_nlu_v1_IntentScore, IntentScore__Output as _parley_nlu_v1_IntentScore__Output } from './parley/nlu/v1/IntentScore';
import type { JobRequest as _parley_nlu_v1_JobRequest, JobRequest__Output as _parley_nlu_v1_JobRequest__Output } from './parley/nlu/v1/JobRequest';
import type { LabeledExample as _parley_nlu_v1_LabeledExample, LabeledExample__Output as _parley_nlu_v1_LabeledExample__Output } from './parley/nlu/v1/LabeledExample';
import type { ListModelsRequest as _parley_nlu_v1_ListModelsRequest, ListModelsRequest__Output as _parley_nlu_v1_ListModelsRequest__Output } from './parley/nlu/v1/ListModelsRequest';
import type { ListModelsResponse as _parley_nlu_v1_ListModelsResponse, ListModelsResponse__Output as _parley_nlu_v1_ListModelsResponse__Output } from './parley/nlu/v1/ListModelsResponse';
import type { MatchedParameter as _parley_nlu_v1_MatchedParameter, MatchedParameter__Output as _parley_nlu_v1_MatchedParameter__Output } from './parley/nlu/v1/MatchedParameter';
import type { Model as _parley_nlu_v1_Model, Model__Output as _parley_nlu_v1_Model__Output } from './parley/nlu/v1/Model';
import type { ModelVersion as _parley_nlu_v1_ModelVersion, ModelVersion__Output as _parley_nlu_v1_ModelVersion__Output } from './parley/nlu/v1/ModelVersion';
import type { NluClient as _parley_nlu_v1_NluClient, NluDefinition as _parley_nlu_v1_NluDefinition } from './parley/nlu/v1/Nlu';
import type { NluConfig as _parley_nlu_v1_NluConfig, NluConfig__Output as _parley_nlu_v1_NluConfig__Output } from './parley/nlu/v1/NluConfig';
import type { PredictBatchRequest as _parley_nlu_v1_PredictBatchRequest, PredictBatchRequest__Output as _parley_nlu_v1_PredictBatchRequest__Output } from './parley/nlu/v1/PredictBatchRequest';
import type { PredictBatchResponse as _parley_nlu_v1_PredictBatchResponse, PredictBatchResponse__Output as _parley_nlu_v1_PredictBatchResponse__Output } from './parley/nlu/v1/PredictBatchResponse';
import type { PredictRequest as _parley_nlu_v1_PredictRequest, PredictRequest__Output as _parley_nlu_v1_PredictRequest__Output } from './parley/nlu/v1/PredictRequest';
import type { PredictStreamError as _parley_nlu_v1_PredictStreamError, PredictStreamError__Output as _parley_nlu_v1_PredictStreamError__Output } from './parley/nlu/v1/PredictStreamError';
import type { PredictStreamRequest as _parley_nlu_v1_PredictStreamRequest, PredictStreamRequest__Output as _parley_nlu_v1_PredictStreamRequest__Output } from './parley/nlu/v1/PredictStreamRequest';
import type { PredictStreamResponse as _parley_nlu_v1_PredictStreamResponse, PredictStreamResponse__Output as _parley_nlu_v1_PredictStreamResponse__Output } from './parley/nlu/v1/PredictStreamResponse';
import type { Scope as _parley_nlu_v1_Scope, Scope__Output as _parley_nlu_v1_Scope__Output } from './parley/nlu/v1/Scope';
import type { ScopeStats as _parley_nlu_v1_ScopeStats, ScopeStats__Output as _parley_nlu_v1_ScopeStats__Output } from './parley/nlu/v1/ScopeStats';
import type { SetAliasRequest as _parley_nlu_v1_SetAliasRequest, SetAliasRequest__Output as _parley_nlu_v1_SetAliasRequest__Output } from './parley/nlu/v1/SetAliasRequest';
import type { ThresholdPoint as _parley_nlu_v1_ThresholdPoint, ThresholdPoint__Output as _parley_nlu_v1_ThresholdPoint__Output } from './parley/nlu/v1/ThresholdPoint';
import type { TrainProgress as _parley_nlu_v1_TrainProgress, TrainProgress__Output as _parley_nlu_v1_TrainProgress__Output } from './parley/nlu/v1/TrainProgress';
import type { TrainRequest as _parley_nlu_v1_TrainRequest, TrainRequest__Output as _parley_nlu_v1_TrainRequest__Output } from './parley/nlu/v1/TrainRequest';
import type { TrainResult as _parley_nlu_v1_TrainResult, TrainResult__Output as _parley_nlu_v1_TrainResult__Output } from './parley/nlu/v1/TrainResult';
import type { TrainingJob as _parley_nlu_v1_TrainingJob, TrainingJob__Output as _parley_nlu_v1_TrainingJob__Output } from './parley/nlu/v1/TrainingJob';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      ListValue: MessageTypeDefinition<_google_protobuf_ListValue, _google_protobuf_ListValue__Output>
      NullValue: EnumTypeDefinition
      Struct: MessageTypeDefinition<_google_protobuf_Struct, _google_protobuf_Struct__Output>
      Value: MessageTypeDefinition<_google_protobuf_Value, _google_protobuf_Value__Output>
    }
  }
  parley: {
    nlu: {
      v1: {
        BotDefinition: MessageTypeDefinition<_parley_nlu_v1_BotDefinition, _parley_nlu_v1_BotDefinition__Output>
        Calibration: MessageTypeDefinition<_parley_nlu_v1_Calibration, _parley_nlu_v1_Calibration__Output>
        Confusion: MessageTypeDefinition<_parley_nlu_v1_Confusion, _parley_nlu_v1_Confusion__Output>
        DeleteModelRequest: MessageTypeDefinition<_parley_nlu_v1_DeleteModelRequest, _parley_nlu_v1_DeleteModelRequest__Output>
        DeleteModelResponse: MessageTypeDefinition<_parley_nlu_v1_DeleteModelResponse, _parley_nlu_v1_DeleteModelResponse__Output>
        Entity: MessageTypeDefinition<_parley_nlu_v1_Entity, _parley_nlu_v1_Entity__Output>
        EntityEntry: MessageTypeDefinition<_parley_nlu_v1_EntityEntry, _parley_nlu_v1_EntityEntry__Output>
        EvaluateRequest: MessageTypeDefinition<_parley_nlu_v1_EvaluateRequest, _parley_nlu_v1_EvaluateRequest__Output>
        EvaluateResponse: MessageTypeDefinition<_parley_nlu_v1_EvaluateResponse, _parley_nlu_v1_EvaluateResponse__Output>
        FallbackReason: EnumTypeDefinition
        GetModelRequest: MessageTypeDefinition<_parley_nlu_v1_GetModelRequest, _parley_nlu_v1_GetModelRequest__Output>
        Intent: MessageTypeDefinition<_parley_nlu_v1_Intent, _parley_nlu_v1_Intent__Output>
        IntentClassifierPrediction: MessageTypeDefinition<_parley_nlu_v1_IntentClassifierPrediction, _parley_nlu_v1_IntentClassifierPrediction__Output>
        IntentMetrics: MessageTypeDefinition<_parley_nlu_v1_IntentMetrics, _parley_nlu_v1_IntentMetrics__Output>
        IntentParameter: MessageTypeDefinition<_parley_nlu_v1_IntentParameter, _parley_nlu_v1_IntentParameter__Output>
        IntentScore: MessageTypeDefinition<_parley_nlu_v1_IntentScore, _parley_nlu_v1_IntentScore__Output>
        JobRequest: MessageTypeDefinition<_parley_nlu_v1_JobRequest, _parley_nlu_v1_JobRequest__Output>
        JobState: EnumTypeDefinition
        LabeledExample: MessageTypeDefinition<_parley_nlu_v1_LabeledExample, _parley_nlu_v1_LabeledExample__Output>
        ListModelsRequest: MessageTypeDefinition<_parley_nlu_v1_ListModelsRequest, _parley_nlu_v1_ListModelsRequest__Output>
        ListModelsResponse: MessageTypeDefinition<_parley_nlu_v1_ListModelsResponse, _parley_nlu_v1_ListModelsResponse__Output>
        MatchedParameter: MessageTypeDefinition<_parley_nlu_v1_MatchedParameter, _parley_nlu_v1_MatchedParameter__Output>
        Model: MessageTypeDefinition<_parley_nlu_v1_Model, _parley_nlu_v1_Model__Output>
        ModelVersion: MessageTypeDefinition<_parley_nlu_v1_ModelVersion, _parley_nlu_v1_ModelVersion__Output>
        Nlu: SubtypeConstructor<typeof grpc.Client, _parley_nlu_v1_NluClient> & { service: _parley_nlu_v1_NluDefinition }
        NluConfig: MessageTypeDefinition<_parley_nlu_v1_NluConfig, _parley_nlu_v1_NluConfig__Output>
        PredictBatchRequest: MessageTypeDefinition<_parley_nlu_v1_PredictBatchRequest, _parley_nlu_v1_PredictBatchRequest__Output>
        PredictBatchResponse: MessageTypeDefinition<_parley_nlu_v1_PredictBatchResponse, _parley_nlu_v1_PredictBatchResponse__Output>
        PredictRequest: MessageTypeDefinition<_parley_nlu_v1_PredictRequest, _parley_nlu_v1_PredictRequest__Output>
        PredictStreamError: MessageTypeDefinition<_parley_nlu_v1_PredictStreamError, _parley_nlu_v1_PredictStreamError__Output>
        PredictStreamRequest: MessageTypeDefinition<_parley_nlu_v1_PredictStreamRequest, _parley_nlu_v1_PredictStreamRequest__Output>
        PredictStreamResponse: MessageTypeDefinition<_parley_nlu_v1_PredictStreamResponse, _parley_nlu_v1_PredictStreamResponse__Output>
        Scope: MessageTypeDefinition<_parley_nlu_v1_Scope, _parley_nlu_v1_Scope__Output>
        ScopeStats: MessageTypeDefinition<_parley_nlu_v1_ScopeStats, _parley_nlu_v1_ScopeStats__Output>
        SetAliasRequest: MessageTypeDefinition<_parley_nlu_v1_SetAliasRequest, _parley_nlu_v1_SetAliasRequest__Output>
        ThresholdPoint: MessageTypeDefinition<_parley_nlu_v1_ThresholdPoint, _parley_nlu_v1_ThresholdPoint__Output>
        TrainProgress: MessageTypeDefinition<_parley_nlu_v1_TrainProgress, _parley_nlu_v1_TrainProgress__Output>
        TrainRequest: MessageTypeDefinition<_parley_nlu_v1_TrainRequest, _parley_nlu_v1_TrainRequest__Output>
        TrainResult: MessageTypeDefinition<_parley_nlu_v1_TrainResult, _parley_nlu_v1_TrainResult__Output>
        TrainingJob: MessageTypeDefinition<_parley_nlu_v1_TrainingJob, _parley_nlu_v1_TrainingJob__Output>
      }
    }
  }
}

