/** What crosses between the encoder (main thread) and its graph threads. */
/** The data a graph thread starts with. */
export interface GraphThreadData {
  /** The installed USE-lite package's directory. */
  directory: string;
}

/** One batch to run: token id sequences of equal length; the answer holds their vectors one after another. */
export interface GraphRequest {
  id: number;
  sequences: Int32Array[];
}

export type GraphThreadMessage =
  | { type: 'ready' }
  | { type: 'vectors'; id: number; vectors: Float32Array }
  /** `id` absent: the thread could not start (its graph did not load). */
  | { type: 'error'; id?: number; message: string };
