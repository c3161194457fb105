/**
 * Entry of a graph thread (worker_threads): loads the USE-lite graph on the backend Parley picks (initBackend), then
 * runs the batches the encoder sends, one at a time. Loaded from compiled JS only (dist/graph-worker.js).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '@parley/nlu';
import type { GraphRequest, GraphThreadData, GraphThreadMessage } from './graph-messages';
import { loadUseLiteGraph, runUseLiteGraph } from './use-lite-graph';
import { readGraphFiles } from './use-lite-package';

const port = parentPort;
if (port === null) throw new Error('graph-worker.js runs as a worker thread');
const post = (message: GraphThreadMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
const { directory } = workerData as GraphThreadData;

const graph = (async () => {
  await initBackend();
  return loadUseLiteGraph(readGraphFiles(directory));
})();

graph.then(
  () => post({ type: 'ready' }),
  (error: unknown) => post({ type: 'error', message: messageOf(error) }),
);

port.on('message', (request: GraphRequest) => {
  void (async () => {
    try {
      const vectors = await runUseLiteGraph(await graph, request.sequences);
      const owned = vectors.byteLength === vectors.buffer.byteLength ? vectors : vectors.slice();
      post({ type: 'vectors', id: request.id, vectors: owned }, [owned.buffer as ArrayBuffer]);
    } catch (error) {
      post({ type: 'error', id: request.id, message: messageOf(error) });
    }
  })();
});

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
