/**
 * Read a model exported by export.ts back into a {@link LinearModel} (initializers and
 * featurizer metadata), so the TypeScript reference forward pass can be checked against
 * onnxruntime on the very artifact that is served.
 */
import onnxProto from "onnx-proto";
import type { FeaturizerConfig } from "../featurizer.ts";
import type { LinearModel } from "../linear_model.ts";
import { FEATURIZER_METADATA_KEY } from "./export.ts";

const { onnx } = onnxProto;

function floatInitializer(graph: { initializer?: unknown[] | null }, name: string): Float32Array {
  const t = (graph.initializer ?? []).find((i) => (i as { name?: string }).name === name) as
    | { rawData?: Uint8Array; dataType?: number }
    | undefined;
  if (t?.rawData === undefined || t.dataType !== onnx.TensorProto.DataType.FLOAT) {
    throw new Error(`ONNX model has no float initializer ${JSON.stringify(name)}`);
  }
  const raw = t.rawData;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out = new Float32Array(raw.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** Decode ONNX bytes produced by {@link exportOnnx}. */
export function linearModelFromOnnx(bytes: Uint8Array): LinearModel {
  const model = onnx.ModelProto.decode(bytes);
  if (!model.graph) throw new Error("ONNX model has no graph");
  return {
    featurizer: featurizerConfigFromOnnx(bytes),
    idf: floatInitializer(model.graph, "idf"),
    weights: floatInitializer(model.graph, "weights"),
    bias: floatInitializer(model.graph, "bias"),
  };
}

/** The featurizer configuration recorded in an exported model's metadata. */
export function featurizerConfigFromOnnx(bytes: Uint8Array): FeaturizerConfig {
  const model = onnx.ModelProto.decode(bytes);
  const meta = model.metadataProps.find((p) => p.key === FEATURIZER_METADATA_KEY);
  if (!meta?.value) throw new Error(`ONNX model has no ${FEATURIZER_METADATA_KEY} metadata`);
  return JSON.parse(meta.value) as FeaturizerConfig;
}
