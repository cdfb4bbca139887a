/** The accounts that have state in a state directory (its 12-digit folders), ascending. */
export async function accountsWithState(stateDir: string): Promise<string[]> {
  const found: string[] = [];
  try {
    for await (const entry of Deno.readDir(stateDir)) {
      if (entry.isDirectory && /^\d{12}$/.test(entry.name)) found.push(entry.name);
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return found.sort();
}
