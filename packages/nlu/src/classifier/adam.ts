/**
 * Adam over a Float32Array of rows, updating only the rows a batch touched ("lazy" Adam). The embedding table has
 * tens of thousands of rows and a batch touches a few thousand, so a dense update would dominate training time.
 */
export class Adam {
  private readonly moment1: Float32Array;
  private readonly moment2: Float32Array;
  private step = 0;

  constructor(
    readonly params: Float32Array,
    readonly width: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-8,
  ) {
    this.moment1 = new Float32Array(params.length);
    this.moment2 = new Float32Array(params.length);
  }

  /** `grads` holds one row per entry of `rows` (or every row, when `rows` is omitted). */
  update(grads: Float32Array, learningRate: number, rows?: Int32Array): void {
    this.step++;
    const scale = (learningRate * Math.sqrt(1 - this.beta2 ** this.step)) / (1 - this.beta1 ** this.step);
    const count = rows ? rows.length : this.params.length / this.width;
    const { params, moment1, moment2, beta1, beta2, epsilon, width } = this;
    for (let r = 0; r < count; r++) {
      const target = (rows ? (rows[r] as number) : r) * width;
      const source = r * width;
      for (let k = 0; k < width; k++) {
        const grad = grads[source + k] as number;
        const i = target + k;
        const m = beta1 * (moment1[i] as number) + (1 - beta1) * grad;
        const v = beta2 * (moment2[i] as number) + (1 - beta2) * grad * grad;
        moment1[i] = m;
        moment2[i] = v;
        params[i]! -= (scale * m) / (Math.sqrt(v) + epsilon);
      }
    }
  }
}
