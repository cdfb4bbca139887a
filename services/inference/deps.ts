/**
 * The npm packages the inference service loads, imported for their side effect of being
 * cached: `Dockerfile.inference` runs `deno install --entrypoint` on this file in a layer
 * that changes only when deno.json / deno.lock change, before any source is copied.
 */
import "hono";
import "onnxruntime-node";
import "onnx-proto";
