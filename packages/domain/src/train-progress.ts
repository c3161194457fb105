/**
 * How far a training has got: the NLU package reports it per epoch, the NLU service keeps it on the job and sends
 * it as TrainProgress, and clients (the CLI's progress bar, the dialogue's start-up log) read it back.
 */
export interface TrainProgressEvent {
  /** The scope whose classifier is training (`*` for all intents). */
  scope: string;
  epoch: number;
  epochs: number;
  loss: number;
  accuracy: number;
}
