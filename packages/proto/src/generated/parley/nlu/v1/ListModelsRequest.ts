// Original file: proto/parley/nlu/v1/nlu.proto


export interface ListModelsRequest {
}

export interface ListModelsRequest__Output {
}
