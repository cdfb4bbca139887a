/**
 * `deno task serve <service>`: starts one service's local server. A small table so the
 * task line (and the inference image's CMD) stays one command for every service.
 */
type ServiceMain = { main(env: Record<string, string>): Promise<void> };

const SERVICES: Readonly<Record<string, () => Promise<ServiceMain>>> = {
  inference: () => import("./inference/main.ts"),
  feedback: () => import("./feedback/main.ts"),
  model: () => import("./model/main.ts"),
  evaluation: () => import("./evaluation/main.ts"),
};

if (import.meta.main) {
  const name = Deno.args[0] ?? "";
  const load = SERVICES[name];
  if (load === undefined) {
    const known = Object.keys(SERVICES).join("|");
    console.error(`usage: deno task serve <${known}>; unknown service ${JSON.stringify(name)}`);
    Deno.exit(2);
  }
  try {
    await (await load()).main(Deno.env.toObject());
    Deno.exit(0); // a drain that timed out may leave a stuck handler behind
  } catch (e) {
    console.error(`serve ${name}: ${e instanceof Error ? e.message : String(e)}`);
    Deno.exit(1);
  }
}
