/** The git commit the manifests were read at (`git rev-parse HEAD`), or `null` outside git. */
export async function gitHead(root: string): Promise<string | null> {
  try {
    const out = await new Deno.Command("git", {
      args: ["rev-parse", "HEAD"],
      cwd: root,
      stdout: "piped",
      stderr: "null",
    }).output();
    if (!out.success) return null;
    const sha = new TextDecoder().decode(out.stdout).trim();
    return /^[0-9a-f]{40}$/.test(sha) ? sha : null;
  } catch {
    return null;
  }
}
