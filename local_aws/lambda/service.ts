import { AwsError } from "../aws_error.ts";
import type { RequestContext } from "../context.ts";
import { Fields } from "../fields.ts";
import type { RestRequest, RestResponse, RestRoute, RestService } from "../rest.ts";
import type { StateStore } from "../store.ts";
import { createAlias, deleteAlias, listAliases, updateAlias } from "./aliases.ts";
import { storeZipFile, zipFileOf } from "./code.ts";
import { serviceError, tooManyRequests } from "./errors.ts";
import { createFunction, updateFunctionCode, updateFunctionConfiguration } from "./functions.ts";
import { invoke } from "./invoke.ts";
import type { InvocationLog } from "./invocation_log.ts";
import { findAlias, findFunction, findUnqualified, resolveVersion } from "./lookup.ts";
import { emptyLambdaState, type FunctionRecord, type LambdaState } from "./model.ts";
import type { Runtime } from "./runtime.ts";
import { listTags, tagResource, untagResource } from "./tags.ts";
import { listVersions, publishVersion } from "./versions.ts";
import { parseFunctionRef } from "./names.ts";
import { aliasView, configurationView } from "./views.ts";

/** What local Lambda needs from its host. */
export interface LambdaDeps {
  readonly store: StateStore;
  readonly random: () => number;
  readonly runtime: Runtime;
  readonly invocations: InvocationLog;
}

const ERROR = "InvalidParameterValueException";
const V = "/2015-03-31/functions";

/** Local Lambda: the REST-JSON routes of the operations local AWS serves. */
export function createLambdaService(deps: LambdaDeps): RestService {
  const { store } = deps;
  // Lambda state is sharded by function (every operation here names exactly one), so a
  // request reads and rewrites one small document however many functions the account has.
  const doc = (raw: string) => `lambda/${parseFunctionRef(raw).name}`;
  const named = (req: RestRequest) => req.params.fn ?? req.params.arn ?? "";
  const read = (req: RestRequest) =>
    store.read({ accountId: req.ctx.accountId, doc: doc(named(req)) }, emptyLambdaState);
  const update = <R>(
    req: RestRequest,
    change: (state: LambdaState) => R | Promise<R>,
    options: { functionName?: string } = {},
  ) =>
    store.update({
      accountId: req.ctx.accountId,
      doc: doc(options.functionName ?? named(req)),
      init: emptyLambdaState,
    }, change);
  const body = (req: RestRequest) => Fields.of(parseJson(req.body), ERROR);
  const ok = (json: unknown, status = 200): RestResponse => ({ status, json });

  const routes: RestRoute[] = [
    {
      method: "POST",
      path: V,
      operation: "CreateFunction",
      async handle(req) {
        const input = body(req);
        const code = await storeZipFile(store, {
          accountId: req.ctx.accountId,
          zipFile: zipFileOf(input),
        });
        return update(
          req,
          (state) => {
            const { fn, versionName } = createFunction(state, req.ctx, { input, code });
            return ok(
              publishedOrLatestView(req.ctx, fn, { versionName }),
              201,
            );
          },
          { functionName: input.requiredString("FunctionName") },
        );
      },
    },
    {
      method: "GET",
      path: `${V}/:fn`,
      operation: "GetFunction",
      async handle(req) {
        const { fn, qualifier } = findFunction(
          await read(req),
          req.ctx,
          { name: req.params.fn ?? "", qualifier: req.query.get("Qualifier") },
        );
        const version = resolveVersion(req.ctx, fn, { qualifier });
        return ok({
          Configuration: configurationView(req.ctx, fn, { version, arnQualifier: qualifier }),
          Code: {
            RepositoryType: "S3",
            Location: `file://${store.blobPath(req.ctx.accountId, version.code.blobKey)}`,
          },
          Tags: fn.tags,
        });
      },
    },
    {
      method: "GET",
      path: `${V}/:fn/configuration`,
      operation: "GetFunctionConfiguration",
      async handle(req) {
        const { fn, qualifier } = findFunction(
          await read(req),
          req.ctx,
          { name: req.params.fn ?? "", qualifier: req.query.get("Qualifier") },
        );
        return ok(
          configurationView(req.ctx, fn, {
            version: resolveVersion(req.ctx, fn, { qualifier }),
            arnQualifier: qualifier,
          }),
        );
      },
    },
    {
      method: "PUT",
      path: `${V}/:fn/code`,
      operation: "UpdateFunctionCode",
      async handle(req) {
        const input = body(req);
        const code = await storeZipFile(store, {
          accountId: req.ctx.accountId,
          zipFile: zipFileOf(input),
        });
        return update(req, (state) => {
          const { fn, versionName } = updateFunctionCode(state, req.ctx, {
            functionName: req.params.fn ?? "",
            input,
            code,
          });
          return ok(
            publishedOrLatestView(req.ctx, fn, { versionName }),
          );
        });
      },
    },
    {
      method: "PUT",
      path: `${V}/:fn/configuration`,
      operation: "UpdateFunctionConfiguration",
      handle: (req) =>
        update(req, (state) => {
          const fn = updateFunctionConfiguration(state, req.ctx, {
            functionName: req.params.fn ?? "",
            input: body(req),
          });
          return ok(
            configurationView(req.ctx, fn, { version: fn.latest, arnQualifier: undefined }),
          );
        }),
    },
    {
      method: "POST",
      path: `${V}/:fn/versions`,
      operation: "PublishVersion",
      handle: (req) =>
        update(req, (state) => {
          const fn = findUnqualified(state, req.ctx, { name: req.params.fn ?? "" });
          const version = publishVersion(req.ctx, fn, body(req));
          return ok(
            configurationView(req.ctx, fn, { version, arnQualifier: version.version }),
            201,
          );
        }),
    },
    {
      method: "GET",
      path: `${V}/:fn/versions`,
      operation: "ListVersionsByFunction",
      async handle(req) {
        const fn = findUnqualified(await read(req), req.ctx, { name: req.params.fn ?? "" });
        const { versions, nextMarker } = listVersions(fn, {
          marker: req.query.get("Marker"),
          maxItems: req.query.get("MaxItems"),
        });
        return ok({
          Versions: versions.map((v) =>
            configurationView(req.ctx, fn, { version: v, arnQualifier: v.version })
          ),
          ...(nextMarker === undefined ? {} : { NextMarker: nextMarker }),
        });
      },
    },
    {
      method: "POST",
      path: `${V}/:fn/aliases`,
      operation: "CreateAlias",
      handle: (req) =>
        update(req, (state) => {
          const fn = findUnqualified(state, req.ctx, { name: req.params.fn ?? "" });
          return ok(aliasView(req.ctx, fn, createAlias(req.ctx, fn, body(req))), 201);
        }),
    },
    {
      method: "GET",
      path: `${V}/:fn/aliases/:name`,
      operation: "GetAlias",
      async handle(req) {
        const fn = findUnqualified(await read(req), req.ctx, { name: req.params.fn ?? "" });
        return ok(aliasView(req.ctx, fn, findAlias(req.ctx, fn, { name: req.params.name ?? "" })));
      },
    },
    {
      method: "PUT",
      path: `${V}/:fn/aliases/:name`,
      operation: "UpdateAlias",
      handle: (req) =>
        update(req, (state) => {
          const fn = findUnqualified(state, req.ctx, { name: req.params.fn ?? "" });
          const alias = updateAlias(req.ctx, fn, { name: req.params.name ?? "", input: body(req) });
          return ok(aliasView(req.ctx, fn, alias));
        }),
    },
    {
      method: "GET",
      path: `${V}/:fn/aliases`,
      operation: "ListAliases",
      async handle(req) {
        const fn = findUnqualified(await read(req), req.ctx, { name: req.params.fn ?? "" });
        const { aliases, nextMarker } = listAliases(fn, {
          functionVersion: req.query.get("FunctionVersion"),
          marker: req.query.get("Marker"),
          maxItems: req.query.get("MaxItems"),
        });
        return ok({
          Aliases: aliases.map((a) => aliasView(req.ctx, fn, a)),
          ...(nextMarker === undefined ? {} : { NextMarker: nextMarker }),
        });
      },
    },
    {
      method: "DELETE",
      path: `${V}/:fn/aliases/:name`,
      operation: "DeleteAlias",
      handle: (req) =>
        update(req, (state) => {
          const fn = findUnqualified(state, req.ctx, { name: req.params.fn ?? "" });
          deleteAlias(req.ctx, fn, { name: req.params.name ?? "" });
          return { status: 204 };
        }),
    },
    {
      method: "POST",
      path: "/2017-03-31/tags/:arn",
      operation: "TagResource",
      handle: (req) =>
        update(req, (state) => {
          tagResource(state, req.ctx, { arn: req.params.arn ?? "", input: body(req) });
          return { status: 204 };
        }),
    },
    {
      method: "DELETE",
      path: "/2017-03-31/tags/:arn",
      operation: "UntagResource",
      handle: (req) =>
        update(req, (state) => {
          untagResource(state, req.ctx, {
            arn: req.params.arn ?? "",
            keys: req.query.getAll("tagKeys"),
          });
          return { status: 204 };
        }),
    },
    {
      method: "GET",
      path: "/2017-03-31/tags/:arn",
      operation: "ListTags",
      async handle(req) {
        return ok({ Tags: listTags(await read(req), req.ctx, { arn: req.params.arn ?? "" }) });
      },
    },
    {
      method: "POST",
      path: `${V}/:fn/invocations`,
      operation: "Invoke",
      async handle(req) {
        return invoke(await read(req), req, deps);
      },
    },
  ];
  return {
    service: "lambda",
    routes,
    throttleError: tooManyRequests,
    serverError: serviceError,
  };
}

/**
 * The configuration CreateFunction and UpdateFunctionCode answer with: the published version
 * when they published one, else `$LATEST` reached without naming it (unqualified FunctionArn).
 */
function publishedOrLatestView(
  ctx: RequestContext,
  fn: FunctionRecord,
  options: { versionName: string },
): Record<string, unknown> {
  const { versionName } = options;
  return configurationView(ctx, fn, {
    version: resolveVersion(ctx, fn, { qualifier: versionName }),
    arnQualifier: versionName === "$LATEST" ? undefined : versionName,
  });
}

function parseJson(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return {};
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AwsError(ERROR, "Could not parse request body into json: malformed JSON.");
  }
}
