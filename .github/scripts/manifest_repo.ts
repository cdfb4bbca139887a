/**
 * The repository's manifests through the controller's own parser (`controller/manifest`), for
 * the pipeline scripts: they act only on a repository that validates clean.
 */
import { formatProblem, loadRepo, type Repo } from "../../controller/manifest/mod.ts";

/** Loads `manifests/` and `releases/` under `root`; throws listing the problems if any. */
export async function loadValidRepo(root: string): Promise<Repo> {
  const { repo, problems } = await loadRepo(root);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).map(formatProblem).join("\n");
    throw new Error(
      `the manifests have ${problems.length} problem(s); run deno task validate\n${shown}`,
    );
  }
  return repo;
}
