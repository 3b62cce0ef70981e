// Writes models/matcher/v1/{model.onnx, card.json} from the prior weights. Run: npm run cli -- export-matcher-v1
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FEATURE_NAMES } from './features.js';
import { buildLinearModel } from './linear-onnx.js';
import { PRIOR_V1_WEIGHTS } from './prior-v1.js';

export const V1_DIR = fileURLToPath(new URL('./v1/', import.meta.url));

export interface ModelCard {
  name: string;
  version: string;
  features: readonly string[];
  weights: Record<string, number>;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  trainingData: { kind: 'prior'; sha256: string; description: string };
  metrics: Record<string, number>;
  sha256: string;
}

export function buildV1(): { model: Uint8Array; card: ModelCard } {
  const weights = FEATURE_NAMES.map((name) => PRIOR_V1_WEIGHTS[name]);
  const model = buildLinearModel({
    featureNames: FEATURE_NAMES,
    weights,
    producerVersion: 'v1',
    docString: 'Matcher v1: the product prior (skills 40%, experience 25%, location and time zone 20%, salary 15%).',
  });
  const priorJson = JSON.stringify(PRIOR_V1_WEIGHTS);
  const card: ModelCard = {
    name: 'matcher',
    version: 'v1',
    features: FEATURE_NAMES,
    weights: PRIOR_V1_WEIGHTS,
    inputs: { features: `float32[batch, ${FEATURE_NAMES.length}], each feature in [0, 1]` },
    outputs: { score: 'float32[batch], in [0, 1]', components: `float32[batch, ${FEATURE_NAMES.length}], weight × feature` },
    trainingData: {
      kind: 'prior',
      sha256: createHash('sha256').update(priorJson).digest('hex'),
      description: 'No training data: v1 encodes the prior weights; the hash is of those weights.',
    },
    metrics: {},
    sha256: createHash('sha256').update(model).digest('hex'),
  };
  return { model, card };
}

export function writeV1(dir = V1_DIR): ModelCard {
  const { model, card } = buildV1();
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/model.onnx`, model);
  writeFileSync(`${dir}/card.json`, `${JSON.stringify(card, null, 2)}\n`);
  return card;
}
