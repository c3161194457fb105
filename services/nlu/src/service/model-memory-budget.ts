/**
 * PARLEY_MODEL_MEMORY_MB caps the memory of the NLU process (training runs in processes of its own, each within
 * PARLEY_TRAINING_MEMORY_MB): loaded models get what the running service leaves of the cap, that is the cap less
 * the process's resident memory at start-up, the sentence encoder's threads, and room for serving itself (gRPC buffers, requests in flight, heap
 * growth). A cap that leaves models less than MIN_MODEL_MEMORY_BYTES stops the service, naming the variable and
 * the least value that works, rather than starting with a budget every Predict would exceed.
 *
 * A loaded model takes more of the process than the size it reports (its weights and vocabulary): the parsed
 * manifest, lookup tables and the heap V8 keeps around them. Measured on the 2-core machine (31 models, 30 of 10
 * CLINC150 intents and the whole of CLINC150, loaded into a fresh process): the resident memory grew by 2.9 times the
 * sizes the models report. The budget is therefore expressed in reported bytes, a third of the memory left.
 */
export const SERVING_HEADROOM_BYTES = 48 * 1024 * 1024;
export const MIN_MODEL_MEMORY_BYTES = 16 * 1024 * 1024;
/** Resident memory a loaded model takes per byte of the size it reports (ModelVersion.size_bytes). */
export const LOADED_MODEL_OVERHEAD = 3;

const mb = (bytes: number): number => Math.ceil(bytes / 1024 / 1024);

/**
 * The sum of reported model sizes that may be loaded at once; throws, naming PARLEY_MODEL_MEMORY_MB, when the cap
 * leaves models too little.
 */
export function modelMemoryBudget(capBytes: number, residentAtStartBytes: number, encoderBytes = 0): number {
  const budget = capBytes - residentAtStartBytes - encoderBytes - SERVING_HEADROOM_BYTES;
  if (budget >= MIN_MODEL_MEMORY_BYTES) return Math.floor(budget / LOADED_MODEL_OVERHEAD);
  const least = mb(residentAtStartBytes + encoderBytes + SERVING_HEADROOM_BYTES + MIN_MODEL_MEMORY_BYTES);
  const encoder = encoderBytes > 0 ? `, the sentence encoder's threads ${mb(encoderBytes)} MB (PARLEY_NLU_ENCODER_THREADS)` : '';
  throw new Error(
    `PARLEY_MODEL_MEMORY_MB=${Number((capBytes / 1024 / 1024).toFixed(3))} is less than the NLU service needs: the process takes ` +
      `${mb(residentAtStartBytes)} MB at start-up${encoder} and serving ${mb(SERVING_HEADROOM_BYTES)} MB more, which leaves ` +
      `${Math.max(0, mb(budget))} MB for models; set it to at least ${least} (${mb(MIN_MODEL_MEMORY_BYTES)} MB for models), ` +
      `and add what the models you serve take`,
  );
}
