/**
 * `deno task serve <service>`: starts one service's local server. A small table so the
 * task line (and the inference image's CMD) stays one command for every service.
 */
const SERVICES: Readonly<
  Record<string, () => Promise<{ main(env: Record<string, string>): Promise<void> }>>
> = {
  inference: () => import("./inference/main.ts"),
  feedback: () => import("./feedback/main.ts"),
  model: () => import("./model/main.ts"),
  evaluation: () => import("./evaluation/main.ts"),
};

if (import.meta.main) {
  const name = Deno.args[0] ?? "";
  const load = SERVICES[name];
  if (load === undefined) {
    console.error(
      `usage: deno task serve <${Object.keys(SERVICES).join("|")}>; unknown service ${
        JSON.stringify(name)
      }`,
    );
    Deno.exit(2);
  }
  await (await load()).main(Deno.env.toObject());
}
