/**
 * Terraform-plan-like lines for actions: `~ ml-news-feedback:live  v3 100% -> v4 100%`.
 * `+` creates, `~` changes in place. With a `Done` the resolved version / ARN is shown; in a
 * dry run, versions not yet published read `new(sha256:4f1c…)`.
 */
import type { Done } from "../apply/apply.ts";
import type { Action, VersionRef } from "../plan/actions.ts";
import { routingOf } from "../plan/alias_state.ts";
import { formatRouting, shortTd } from "../plan/plan_format.ts";

export function changeLine(action: Action, done?: Done): string {
  switch (action.kind) {
    case "createFunction":
      return `+ ${action.functionName}  create function (${action.config.runtime}, ${action.config.memorySize} MB, ` +
        `${action.config.timeout} s) with sha256:${short(action.artifact.revision)}`;
    case "updateFunctionCode":
      return `~ ${action.functionName}  code sha256:${short(action.from)} -> sha256:${
        short(action.artifact.revision)
      }`;
    case "updateFunctionConfiguration":
      return `~ ${action.functionName}  configuration (${action.changed.join(", ")})`;
    case "publishVersion":
      return `+ ${action.functionName}  publish version${
        done?.version ? ` ${done.version}` : ""
      } ` +
        `for sha256:${short(action.revision)}`;
    case "createAlias":
    case "updateAlias": {
      const after = done?.routing ? formatRouting(done.routing) : formatRouting(routingOf({
        targetVersion: ref(action.target),
        stableVersion: action.stable ? ref(action.stable) : null,
        weight: action.state.weight,
      }));
      const name = `${action.functionName}:${action.alias}`;
      if (action.kind === "createAlias") return `+ ${name}  create alias -> ${after}`;
      const before = action.before ? formatRouting(action.before) : "?";
      const why = action.reason === "rollout" ? "" : `  (${action.reason})`;
      return `~ ${name}  ${before} -> ${after}${why}`;
    }
    case "tagFunction":
      return `~ ${action.functionName}  tags ${formatTags(action.tags)}`;
    case "createCluster":
      return `+ ecs:${action.cluster}  create cluster`;
    case "registerTaskDefinition":
      return `+ ecs:${action.spec.family}  register task definition${
        done?.taskDefinitionArn ? ` ${shortTd(done.taskDefinitionArn)}` : ""
      } (${action.image})`;
    case "createService":
      return `+ ecs:${action.cluster}/${action.service}  create service (${action.desiredCount} tasks${
        done?.taskDefinitionArn ? ` of ${shortTd(done.taskDefinitionArn)}` : ""
      })`;
    case "updateService": {
      const td = done?.taskDefinitionArn ??
        ("arn" in action.taskDefinition ? action.taskDefinition.arn : null);
      const to = td ? shortTd(td) : "new revision";
      const why = action.reason === "heal" ? "  (heal)" : "";
      const what = action.changes.length > 0 ? `  (${action.changes.join("; ")})` : "";
      return `~ ecs:${action.cluster}/${action.service}  ${
        shortTd(action.from)
      } -> ${to}${what}${why}`;
    }
    case "rollbackDeployment":
      return `~ ecs:${action.cluster}/${action.service}  stop deployment, roll back (${action.reason})`;
    case "tagService": {
      const tags = { ...action.tags };
      const td = done?.taskDefinitionArn;
      return `~ ecs:${action.service}  tags ${formatTags(tags)}${
        td ? ` task-definition=${shortTd(td)}` : ""
      }`;
    }
  }
}

function ref(r: VersionRef): string {
  return "version" in r ? r.version : `new(sha256:${short(r.publishedFor)})`;
}

function formatTags(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .map(([k, v]) => {
      const value = v.startsWith("sha256:")
        ? `sha256:${short(v.slice(7))}`
        : /^[0-9a-f]{40}$/.test(v)
        ? short(v)
        : v;
      return `${k.replace(/^mlnews\.dev\//, "")}=${value}`;
    })
    .join(" ");
}

function short(hex: string): string {
  return `${hex.slice(0, 12)}`;
}
