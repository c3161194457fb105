/** What other code (the dialogue service's tests, benchmarks) may use of the NLU service: build it, configure it. */
export { buildNluServer, type NluServer, type NluServerDeps } from './grpc/build-nlu-server';
export { loadConfig, loadCliConfig, type NluServiceConfig, type CliConfig } from './config';
export { InlineTrainer } from './jobs/inline-trainer';
export { WorkerTrainer } from './jobs/worker-trainer';
export type { Trainer } from './jobs/trainer';
export { loadDefinitionFile } from './definition/load-definition-file';
