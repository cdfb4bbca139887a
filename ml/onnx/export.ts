/**
 * Export a {@link LinearModel} as an ONNX model (opset 13, standard operators only),
 * encoded with the ONNX protobuf schema from the `onnx-proto` package.
 *
 * Inputs:  `indices` int32 [batch, length] — bucket ids, padded with 0
 *          `values`  float [batch, length] — sub-linear term frequencies, padded with 0
 * Outputs: `logits`  float [batch, 4];  `scores` float [batch, 4] (softmax)
 *
 * Graph: Gather(idf) · values → L2-normalise (ReduceSum, Sqrt, Max ε, Div) →
 * Unsqueeze → MatMul with Gather(weights) → Squeeze → Add bias → Softmax.
 * Padding contributes nothing because its value is 0.
 */
import onnxProto from "onnx-proto";
import type { onnx as OnnxTypes } from "onnx-proto";
import { CLASS_COUNT } from "../labels.ts";
import { type LinearModel, NORM_EPSILON } from "../linear_model.ts";

export const ONNX_OPSET = 13;
export const INPUT_INDICES = "indices";
export const INPUT_VALUES = "values";
export const OUTPUT_LOGITS = "logits";
export const OUTPUT_SCORES = "scores";
/** ONNX metadata key holding the featurizer configuration (JSON). */
export const FEATURIZER_METADATA_KEY = "mlnews.featurizer";

// onnx-proto is CommonJS: its namespace arrives as the default export.
const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;

function littleEndianBytes(data: Float32Array | BigInt64Array): Uint8Array {
  const bytes = new Uint8Array(data.byteLength);
  const view = new DataView(bytes.buffer);
  if (data instanceof Float32Array) data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  else data.forEach((v, i) => view.setBigInt64(i * 8, v, true));
  return bytes;
}

function tensor(name: string, dims: number[], data: Float32Array | BigInt64Array) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: data instanceof Float32Array ? DataType.FLOAT : DataType.INT64,
    rawData: littleEndianBytes(data),
  });
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: {
          dim: dims.map((d) => typeof d === "number" ? { dimValue: d } : { dimParam: d }),
        },
      },
    },
  });
}

function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  attrs: OnnxTypes.IAttributeProto[] = [],
) {
  return onnx.NodeProto.create({
    opType,
    input: inputs,
    output: outputs,
    name: outputs[0]!,
    attribute: attrs,
  });
}

const intAttr = (name: string, i: number) =>
  onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });

/** The ONNX bytes of `model`. Deterministic: same model, same bytes. */
export function exportOnnx(model: LinearModel, options: { producerVersion: string }): Uint8Array {
  const buckets = model.idf.length;
  const graph = onnx.GraphProto.create({
    name: "mlnews_tfidf_logreg",
    initializer: [
      tensor("idf", [buckets], model.idf),
      tensor("weights", [buckets, CLASS_COUNT], model.weights),
      tensor("bias", [CLASS_COUNT], model.bias),
      tensor("epsilon", [], Float32Array.of(NORM_EPSILON)),
      tensor("axis1", [1], BigInt64Array.of(1n)),
    ],
    node: [
      node("Gather", ["idf", INPUT_INDICES], ["idf_of_token"], [intAttr("axis", 0)]),
      node("Mul", [INPUT_VALUES, "idf_of_token"], ["tfidf"]),
      node("Mul", ["tfidf", "tfidf"], ["tfidf_squared"]),
      node("ReduceSum", ["tfidf_squared", "axis1"], ["sum_squares"], [intAttr("keepdims", 1)]),
      node("Sqrt", ["sum_squares"], ["norm"]),
      node("Max", ["norm", "epsilon"], ["safe_norm"]),
      node("Div", ["tfidf", "safe_norm"], ["x"]),
      node("Unsqueeze", ["x", "axis1"], ["x_row"]),
      node("Gather", ["weights", INPUT_INDICES], ["token_weights"], [intAttr("axis", 0)]),
      node("MatMul", ["x_row", "token_weights"], ["weighted_sum"]),
      node("Squeeze", ["weighted_sum", "axis1"], ["linear"]),
      node("Add", ["linear", "bias"], [OUTPUT_LOGITS]),
      node("Softmax", [OUTPUT_LOGITS], [OUTPUT_SCORES], [intAttr("axis", -1)]),
    ],
    input: [
      valueInfo(INPUT_INDICES, DataType.INT32, ["batch", "length"]),
      valueInfo(INPUT_VALUES, DataType.FLOAT, ["batch", "length"]),
    ],
    output: [
      valueInfo(OUTPUT_LOGITS, DataType.FLOAT, ["batch", CLASS_COUNT]),
      valueInfo(OUTPUT_SCORES, DataType.FLOAT, ["batch", CLASS_COUNT]),
    ],
  });
  const proto = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: "", version: ONNX_OPSET }],
    producerName: "mlnews-train",
    producerVersion: options.producerVersion,
    domain: "dev.mlnews",
    modelVersion: 1,
    docString:
      "AG News topic classifier: hashed word n-grams, TF-IDF, multinomial logistic regression",
    graph,
    metadataProps: [{ key: FEATURIZER_METADATA_KEY, value: JSON.stringify(model.featurizer) }],
  });
  return onnx.ModelProto.encode(proto).finish();
}
