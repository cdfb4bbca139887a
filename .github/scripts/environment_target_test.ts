import assert from "node:assert/strict";
import { environmentTarget } from "./environment_target.ts";
import { copyOfRepoManifests } from "./release_fixture.ts";
import { join } from "node:path";

const REPO_ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("environmentTarget() names the role in the environment's own account and region", async () => {
  const dev = await environmentTarget(REPO_ROOT, "dev", { role: "ml-news-plan" });
  assert.deepEqual(dev, {
    target: "local",
    region: "eu-west-1",
    roleArn: "arn:aws:iam::000000000001:role/ml-news-plan",
  });
  const production = await environmentTarget(REPO_ROOT, "production", {
    role: "ml-news-controller",
  });
  assert.equal(production.roleArn, "arn:aws:iam::000000000002:role/ml-news-controller");
});

Deno.test("environmentTarget() follows the documented switch to a real account: target: aws, then the service's network", async () => {
  const root = await copyOfRepoManifests();
  try {
    const file = join(root, "manifests/environments/production.yaml");
    const text = await Deno.readTextFile(file);
    await Deno.writeTextFile(file, text.replace(/^ {2}target: local$/m, "  target: aws"));
    await assert.rejects(
      environmentTarget(root, "production", { role: "r" }),
      /inference\.yaml:\d+:\d+: spec\.network: expected network/,
      "a FARGATE service on a real account needs its subnets and security groups",
    );
    const service = join(root, "manifests/services/inference.yaml");
    await Deno.writeTextFile(
      service,
      (await Deno.readTextFile(service)).replace(
        /^ {2}launchType: FARGATE$/m,
        "  launchType: FARGATE\n  network:\n    subnets: [subnet-0123456789abcdef0]\n" +
          "    securityGroups: [sg-0123456789abcdef0]",
      ),
    );
    assert.equal((await environmentTarget(root, "production", { role: "r" })).target, "aws");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("environmentTarget() rejects unknown environments and malformed names", async () => {
  await assert.rejects(environmentTarget(REPO_ROOT, "$(id)", { role: "r" }), /environment name/);
  await assert.rejects(environmentTarget(REPO_ROOT, "dev", { role: "a b" }), /IAM role name/);
  await assert.rejects(
    environmentTarget(REPO_ROOT, "staging", { role: "r" }),
    /no Environment named staging/,
  );
});
