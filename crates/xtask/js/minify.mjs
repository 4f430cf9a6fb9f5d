// Minifies the package's JavaScript in place (glue, snippets, catalog data): the last step
// of `cargo xtask wasm`, after every patch of the glue. oxc's minifier (through rolldown, the
// bundler Vite uses; pinned in package-lock.json). ES modules: export names are kept.
// Usage: node minify.mjs FILE...
import { readFileSync, writeFileSync } from 'node:fs';
import { minifySync } from 'rolldown/utils';

for (const file of process.argv.slice(2)) {
  const source = readFileSync(file, 'utf8');
  const { code, errors } = minifySync(file, source, { module: true, compress: true, mangle: true });
  if (errors.length) {
    console.error(`${file}: ${errors.map((e) => e.message).join('; ')}`);
    process.exit(1);
  }
  writeFileSync(file, code);
}
