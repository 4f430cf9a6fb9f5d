// The subset of `node:test` the JS suite uses, for running the same files in a browser.
const registered = [];

export function test(name, fn) {
  registered.push({ name, fn });
}

/** Runs every registered test in order; resolves to [{ name, ok, error? }]. */
export async function runRegistered() {
  const results = [];
  for (const { name, fn } of registered.splice(0)) {
    try {
      await fn();
      results.push({ name, ok: true });
    } catch (err) {
      results.push({ name, ok: false, error: String(err?.stack ?? err) });
    }
  }
  return results;
}
