/** Local AWS for an e2e test: state in the fixture repo, ECS tasks starting in 100 ms. */
import { type LocalAws, startLocalAws } from "../../local_aws/mod.ts";

export function testLocalAws(root: string): Promise<LocalAws> {
  return startLocalAws({ stateDir: `${root}/.local-aws`, port: 0, timing: { taskStartMs: 100 } });
}
