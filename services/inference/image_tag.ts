/**
 * Tags of the inference image. CI pushes `ml-news-inference:<model>-<commit>`: the model's
 * short version (12 hex digits, `ml/models/<model>/`) and the git commit the image was built
 * from, so tags stay immutable when only the service code changes. A bare `<model>` tag is
 * accepted too. Everything that needs to know which model an image serves (the model
 * registry, local ECS) reads it here.
 */
const TAG = /^([0-9a-f]{12})(?:-[0-9a-f]{7,40})?$/;

/** The model short version an inference image tag names, if it names one. */
export function modelVersionOfTag(tag: string): string | undefined {
  return TAG.exec(tag)?.[1];
}
