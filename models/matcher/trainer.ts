export interface TrainingMatrix {
  /** Row-major features, rows × width, each in [0, 1]. */
  x: Float64Array;
  rows: number;
  width: number;
  /** 1 liked, 0 not. */
  y: Uint8Array;
  /** How much each row counts (higher grades count more). */
  sampleWeight: Float64Array;
}

export interface LogisticFit {
  bias: number;
  weights: number[];
  /** Mean weighted log-loss on the training rows, for the card. */
  logLoss: number;
}

export interface TrainerOptions {
  l2: number;
  epochs: number;
  learningRate: number;
}

export const DEFAULT_TRAINER: TrainerOptions = { l2: 1e-3, epochs: 3000, learningRate: 0.05 };

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Logistic regression whose feature weights may not go below zero, fitted by full-batch Adam with
 * projection. Every feature is built so that higher means a better fit, so a negative weight could
 * only be noise; keeping them ≥ 0 also makes the exported model a weighted sum of fits whose
 * components explain the score. Deterministic: same rows, same weights.
 */
export function fitLogistic(m: TrainingMatrix, opts: TrainerOptions = DEFAULT_TRAINER): LogisticFit {
  const { x, rows, width, y, sampleWeight } = m;
  const totalWeight = sampleWeight.reduce((a, b) => a + b, 0) || 1;
  const w = new Float64Array(width);
  let b = 0;
  const mW = new Float64Array(width + 1);
  const vW = new Float64Array(width + 1);
  const grad = new Float64Array(width + 1);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  for (let epoch = 1; epoch <= opts.epochs; epoch += 1) {
    grad.fill(0);
    for (let r = 0; r < rows; r += 1) {
      let z = b;
      const o = r * width;
      for (let k = 0; k < width; k += 1) z += (w[k] ?? 0) * (x[o + k] ?? 0);
      const err = ((sigmoid(z) - (y[r] ?? 0)) * (sampleWeight[r] ?? 0)) / totalWeight;
      for (let k = 0; k < width; k += 1) grad[k] = (grad[k] ?? 0) + err * (x[o + k] ?? 0);
      grad[width] = (grad[width] ?? 0) + err;
    }
    for (let k = 0; k <= width; k += 1) {
      const g = (grad[k] ?? 0) + (k < width ? opts.l2 * (w[k] ?? 0) : 0);
      mW[k] = beta1 * (mW[k] ?? 0) + (1 - beta1) * g;
      vW[k] = beta2 * (vW[k] ?? 0) + (1 - beta2) * g * g;
      const step = (opts.learningRate * ((mW[k] ?? 0) / (1 - beta1 ** epoch))) / (Math.sqrt((vW[k] ?? 0) / (1 - beta2 ** epoch)) + eps);
      if (k < width) w[k] = Math.max(0, (w[k] ?? 0) - step);
      else b -= step;
    }
  }
  let loss = 0;
  for (let r = 0; r < rows; r += 1) {
    let z = b;
    for (let k = 0; k < width; k += 1) z += (w[k] ?? 0) * (x[r * width + k] ?? 0);
    const p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(z)));
    loss -= (sampleWeight[r] ?? 0) * ((y[r] ?? 0) ? Math.log(p) : Math.log(1 - p));
  }
  return { bias: b, weights: [...w], logLoss: loss / totalWeight };
}

/**
 * The served form of a fit: weights scaled to sum to 1, so the score is a weighted mean of fits in
 * [0, 1] like v1's, and its components add up to it. The order of scores (all that AUC and NDCG
 * see) is the logistic model's, since a positive scale and a dropped bias keep it. Null when the
 * fit kept no feature at all.
 */
export function servedWeights(fit: LogisticFit): number[] | null {
  const total = fit.weights.reduce((a, b) => a + b, 0);
  if (!(total > 1e-9)) return null;
  return fit.weights.map((w) => w / total);
}
