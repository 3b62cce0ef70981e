import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export interface LinearModelSpec {
  featureNames: readonly string[];
  weights: readonly number[];
  producerVersion: string;
  docString: string;
}

const OPSET = 11;
const IR_VERSION = 6; // the IR version that goes with opset 11

function floatTensor(name: string, dims: number[], values: readonly number[]) {
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: [...values] });
}

function valueInfo(name: string, dims: (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

/** What a linear model's card says about its input and outputs. */
export function linearModelSignature(width: number): { inputs: Record<string, string>; outputs: Record<string, string> } {
  return {
    inputs: { features: `float32[batch, ${width}], each feature in [0, 1]` },
    outputs: { score: 'float32[batch], in [0, 1]', components: `float32[batch, ${width}], weight × feature` },
  };
}

/**
 * A weighted sum as an ONNX graph: `components = features * weights` (each feature's share of the
 * score, so every score can be explained) and `score = sum(components)`. Encoding is deterministic,
 * so the same spec always yields the same bytes and the same sha256.
 */
export function buildLinearModel(spec: LinearModelSpec): Uint8Array {
  if (spec.weights.length !== spec.featureNames.length) throw new Error('one weight per feature is needed');
  const width = spec.featureNames.length;
  const graph = onnx.GraphProto.create({
    name: 'weighted_sum',
    docString: `features: ${spec.featureNames.join(', ')}`,
    initializer: [floatTensor('weights', [width], spec.weights)],
    input: [valueInfo('features', ['batch', width])],
    output: [valueInfo('score', ['batch']), valueInfo('components', ['batch', width])],
    node: [
      onnx.NodeProto.create({ name: 'weigh', opType: 'Mul', input: ['features', 'weights'], output: ['components'] }),
      onnx.NodeProto.create({
        name: 'sum',
        opType: 'ReduceSum',
        input: ['components'],
        output: ['score'],
        attribute: [
          onnx.AttributeProto.create({ name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [1] }),
          onnx.AttributeProto.create({ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }),
        ],
      }),
    ],
  });
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'vagas-ai-latam',
    producerVersion: spec.producerVersion,
    docString: spec.docString,
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
