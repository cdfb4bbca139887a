/**
 * The analysis runs of a Lambda rollout do not fit in the alias description (256 characters)
 * next to the routing facts, so they live in function tags (256 characters each): the step
 * run (`a`), the background run (`b`) and the bake's stable baseline (`s`). Each tag value is
 * prefixed with the step it belongs to (`<revision 12>.<step>.<step start>@…`) and is read
 * back only while the alias records that same step: a run written just before a crash, or
 * left from an earlier step or attempt, is ignored and the analysis simply runs again. It is
 * never reused for another step, so no analysis is ever skipped.
 */
export const RUN_TAGS: Readonly<Record<string, string>> = {
  a: "mlnews.dev/analysis",
  b: "mlnews.dev/background",
  s: "mlnews.dev/baseline",
};

/** Tag value of a field with no run. */
const NONE = "-";

/** The step a rollout's fields are at: `<revision 12>.<step>.<step start>`. */
export function stepKey(fields: Readonly<Record<string, string>>): string {
  return `${(fields.rev ?? "").slice(0, 12)}.${fields.st ?? ""}.${fields.t ?? ""}`;
}

/** Rollout fields split into the alias description's part and the run tags to write. */
export function splitRollout(fields: Readonly<Record<string, string>>): {
  readonly alias: Record<string, string>;
  readonly tags: Record<string, string>;
} {
  const alias: Record<string, string> = {};
  const tags: Record<string, string> = {};
  const key = stepKey(fields);
  for (const [field, value] of Object.entries(fields)) {
    if (RUN_TAGS[field] === undefined) alias[field] = value;
  }
  for (const [field, tag] of Object.entries(RUN_TAGS)) {
    const value = fields[field];
    tags[tag] = value === undefined ? NONE : `${key}@${value}`;
  }
  return { alias, tags };
}

/** The alias's rollout fields with the runs from tags that belong to the same step. */
export function joinRollout(
  aliasFields: Readonly<Record<string, string>>,
  tags: Readonly<Record<string, string>>,
): Record<string, string> {
  const joined: Record<string, string> = { ...aliasFields };
  const prefix = `${stepKey(aliasFields)}@`;
  for (const [field, tag] of Object.entries(RUN_TAGS)) {
    const value = tags[tag];
    if (value?.startsWith(prefix)) joined[field] = value.slice(prefix.length);
  }
  return joined;
}

/** The run tags whose value differs from the live tags (a missing tag counts as no run). */
export function changedTags(
  wanted: Readonly<Record<string, string>>,
  live: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(wanted).filter(([tag, value]) => (live[tag] ?? NONE) !== value),
  );
}
