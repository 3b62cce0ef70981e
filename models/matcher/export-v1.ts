// Writes models/matcher/v1/{model.onnx, card.json} from the prior weights. Run: npm run cli -- export-matcher-v1
import { fileURLToPath } from 'node:url';
import { PRIOR_FEATURES } from './features.js';
import { buildLinearModel, linearModelSignature } from './linear-onnx.js';
import { sha256, writeModelFiles, type ModelCard } from './model-store.js';
import { PRIOR_V1_WEIGHTS } from './prior-v1.js';

export const V1_DIR = fileURLToPath(new URL('./v1', import.meta.url));

export function buildV1(): { model: Uint8Array; card: ModelCard } {
  const weights = PRIOR_FEATURES.map((name) => PRIOR_V1_WEIGHTS[name]);
  const model = buildLinearModel({
    featureNames: PRIOR_FEATURES,
    weights,
    producerVersion: 'v1',
    docString: 'Matcher v1: the product prior (skills 40%, experience 25%, location and time zone 20%, salary 15%).',
  });
  const priorJson = JSON.stringify(PRIOR_V1_WEIGHTS);
  const card: ModelCard = {
    name: 'matcher',
    version: 'v1',
    features: PRIOR_FEATURES,
    weights: PRIOR_V1_WEIGHTS,
    ...linearModelSignature(PRIOR_FEATURES.length),
    trainingData: {
      kind: 'prior',
      sha256: sha256(priorJson),
      description: 'No training data: v1 encodes the prior weights; the hash is of those weights.',
    },
    metrics: {},
    sha256: sha256(model),
  };
  return { model, card };
}

export function writeV1(dir = V1_DIR): ModelCard {
  const { model, card } = buildV1();
  writeModelFiles(dir, { model, card, skillSpaceJson: null });
  return card;
}
