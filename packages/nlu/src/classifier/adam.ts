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
    for (let r = 0; r < count; r++) {
      const target = (rows ? (rows[r] as number) : r) * this.width;
      const source = r * this.width;
      for (let k = 0; k < this.width; k++) this.apply(target + k, grads[source + k] as number, scale);
    }
  }

  private apply(index: number, grad: number, scale: number): void {
    const m = this.beta1 * (this.moment1[index] as number) + (1 - this.beta1) * grad;
    const v = this.beta2 * (this.moment2[index] as number) + (1 - this.beta2) * grad * grad;
    this.moment1[index] = m;
    this.moment2[index] = v;
    this.params[index]! -= (scale * m) / (Math.sqrt(v) + this.epsilon);
  }
}
