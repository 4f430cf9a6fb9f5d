// The npm package as a user gets it: `npm pack` of pkg/, installed from the tarball into an
// empty project in a temporary directory (no registry needed: the package has no
// dependencies). Shared by the tests that build such a project with Vite.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));

const npm = (args, cwd) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Packs pkg/ into a temporary directory; returns npm's description of the tarball and its path. */
export function pack() {
  const out = mkdtempSync(join(tmpdir(), 'azure-onboarding-pack-'));
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', out], pkgDir));
  return { packed, tarball: join(out, packed.filename) };
}

/**
 * An empty project (`files`: { relative path: text }) in a temporary directory with the
 * tarball installed (offline: nothing is fetched). Returns the project's directory.
 */
export function projectWith(tarball, files, prefix = 'azure-onboarding-consumer-') {
  const project = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  npm(['install', '--offline', '--no-audit', '--no-fund', tarball], project);
  return project;
}
