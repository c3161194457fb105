/**
 * A matrix stored as int8 with one float scale per row: a quarter of float32's memory. Serving keeps the embedding
 * this way, so one process holds four times the models; a row's value is `values[i] * scales[row]`, within half a
 * step (max |row| / 254) of the trained float.
 */
export interface QuantizedRows {
  values: Int8Array;
  /** One per row: the row's largest magnitude / 127. */
  scales: Float32Array;
}

export function quantizeRows(matrix: Float32Array, width: number): QuantizedRows {
  const rows = matrix.length / width;
  const values = new Int8Array(matrix.length);
  const scales = new Float32Array(rows);
  for (let row = 0; row < rows; row++) {
    const start = row * width;
    let largest = 0;
    for (let k = start; k < start + width; k++) largest = Math.max(largest, Math.abs(matrix[k] as number));
    if (largest === 0) continue;
    const scale = largest / 127;
    scales[row] = scale;
    for (let k = start; k < start + width; k++) values[k] = Math.round((matrix[k] as number) / scale);
  }
  return { values, scales };
}
