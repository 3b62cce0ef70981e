import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureName } from './features.js';
import type { SkillSpace } from './skill-space.js';

/** Registry paths of shipped versions (v1) are relative to the repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const MODEL_FILE = 'model.onnx';
export const CARD_FILE = 'card.json';
export const SKILL_SPACE_FILE = 'skill-space.json';

export interface ModelCard {
  name: string;
  version: string;
  features: readonly FeatureName[];
  weights: Record<string, number>;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  trainingData:
    | { kind: 'prior'; sha256: string; description: string }
    | { kind: 'feedback'; sha256: string; description: string; examples: number; heldOut: number; users: number; positives: number };
  metrics: Record<string, number>;
  sha256: string;
  /** Trained versions: what the trainer did, and the corpus statistics the features use. */
  trainer?: { method: string; l2: number; epochs: number; learningRate: number; bias: number; logitWeights: Record<string, number>; logLoss: number };
  skillSpace?: { file: string; sha256: string; documents: number; skills: number };
  /** Trained versions: the active version it was measured against, on the same held-out feedback. */
  baseline?: { version: string; metrics: Record<string, number> };
}

/** A model version's files, loaded and checked against each other. */
export interface ModelFiles {
  model: Uint8Array;
  card: ModelCard;
  skillSpace: SkillSpace | null;
}

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

export function resolveModelPath(path: string): string {
  return isAbsolute(path) ? path : join(REPO_ROOT, path);
}

/**
 * Reads the directory of `model.onnx` and refuses anything that does not add up: a model whose
 * sha256 is not the registered one, a card describing another file, a skill space that changed.
 */
export function readModelFiles(modelPath: string, expectedSha256: string): ModelFiles {
  const model = readFileSync(modelPath);
  const actual = sha256(model);
  if (actual !== expectedSha256) throw new Error(`model ${modelPath} has sha256 ${actual}, but ${expectedSha256} is registered`);
  const dir = dirname(modelPath);
  const card = JSON.parse(readFileSync(join(dir, CARD_FILE), 'utf8')) as ModelCard;
  if (card.sha256 !== actual) throw new Error(`the card in ${dir} describes a model with sha256 ${card.sha256}, not ${actual}`);
  let skillSpace: SkillSpace | null = null;
  if (card.skillSpace) {
    const text = readFileSync(join(dir, card.skillSpace.file), 'utf8');
    if (sha256(text) !== card.skillSpace.sha256) throw new Error(`the skill space in ${dir} does not match its card`);
    skillSpace = JSON.parse(text) as SkillSpace;
  }
  return { model, card, skillSpace };
}

/** Writes a version's files into `dir` through a temporary folder, so a reader never sees half a version. */
export function writeModelFiles(dir: string, files: { model: Uint8Array; card: ModelCard; skillSpaceJson: string | null }): void {
  const temporary = `${dir}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary, { recursive: true });
  writeFileSync(join(temporary, MODEL_FILE), files.model);
  writeFileSync(join(temporary, CARD_FILE), `${JSON.stringify(files.card, null, 2)}\n`);
  if (files.skillSpaceJson !== null) writeFileSync(join(temporary, SKILL_SPACE_FILE), files.skillSpaceJson);
  mkdirSync(dirname(dir), { recursive: true });
  rmSync(dir, { recursive: true, force: true });
  renameSync(temporary, dir);
}

/** Copies a version's files (model, card, skill space if any) from one directory to another. */
export function copyModelFiles(fromModelPath: string, toDir: string): string {
  const from = dirname(fromModelPath);
  mkdirSync(toDir, { recursive: true });
  for (const file of [MODEL_FILE, CARD_FILE, SKILL_SPACE_FILE]) {
    if (existsSync(join(from, file))) copyFileSync(join(from, file), join(toDir, file));
  }
  return join(toDir, MODEL_FILE);
}
