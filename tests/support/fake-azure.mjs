// The fake of Azure for the browser tests: the live crate's example `fake_azure`, replaying a
// snapshot on its own 127.0.0.1 origin.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const running = [];

/** Builds `fake_azure` (debug); call once before starting any. */
export function buildFakeAzure() {
  execFileSync('cargo', ['build', '-q', '-p', 'azure-onboarding-live', '--example', 'fake_azure', '--features', 'testing'],
    { cwd: root, stdio: 'inherit' });
}

/**
 * Starts `fake_azure --snapshot <snapshot> --arm-token … --graph-token … <args>`; resolves to its
 * base URL once it listens. `stopFakeAzures()` ends every one started.
 */
export async function startFakeAzure(snapshot, { armToken, graphToken }, ...args) {
  const child = spawn(`${root}target/debug/examples/fake_azure`,
    ['--snapshot', snapshot, '--arm-token', armToken, '--graph-token', graphToken, ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  running.push(child);
  const lines = createInterface({ input: child.stdout });
  const [line] = await Promise.race([
    new Promise((resolve) => lines.once('line', (l) => resolve([l]))),
    new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`fake_azure exited with ${code}`)))),
  ]);
  const match = /^listening (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
  assert.ok(match, `fake_azure printed: ${line}`);
  return match[1];
}

/** Ends every fake started. */
export function stopFakeAzures() {
  for (const child of running.splice(0)) child.kill();
}
