/** A validation problem, located in its file. */
export interface Problem {
  /** The file, as `loadRepo`'s root joined with its path inside the repo. */
  readonly file: string;
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  /** Field path like `spec.strategy.canary.steps[2].setWeight`; empty for file-level problems. */
  readonly path: string;
  readonly message: string;
}

/** `file:line:col: path: message`, the form editors and CI annotate from. */
export function formatProblem(p: Problem): string {
  const location = `${p.file}:${p.line}:${p.column}`;
  return p.path === "" ? `${location}: ${p.message}` : `${location}: ${p.path}: ${p.message}`;
}

/** A value quoted for a message, cut to `max` characters so hostile input stays readable. */
export function quote(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 3)}...` : text);
}

/** Renders a zod/YAML path (`["spec", "steps", 2]`) as `spec.steps[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_][\w-]{0,59}$/.test(segment)) {
      text += text === "" ? segment : `.${segment}`;
    } else text += `[${quote(String(segment))}]`;
  }
  return text;
}

/** Orders problems by file, then position, so output is stable. */
export function compareProblems(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column ||
    a.path.localeCompare(b.path) || a.message.localeCompare(b.message);
}
