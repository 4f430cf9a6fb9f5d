// One cold start, in a fresh process (run by bench/validate.bench.mjs): from the start of the
// import to a first answer, from the end of the import (modules loaded and evaluated) to the
// first answer, and from the end of the import to ready (the instance made, the schema built),
// printed in nanoseconds on one line. What a page or a service pays once,
// including V8 compiling the JS it runs for the first time (which the in-process
// "instantiate" rows leave out for zod, whose schema build is measured warm there).
//   node bench/cold-start.mjs wasm <glue.js> <module.wasm>   the web glue, initSync from bytes
//   node bench/cold-start.mjs zod                           import zod, build the schema
// Both then validate one valid form, so that each side is ready in the same sense.
import { readFileSync } from 'node:fs';
import { valid } from './forms.mjs';

const [mode, glue, wasm] = process.argv.slice(2);
const bytes = mode === 'wasm' ? readFileSync(wasm) : null;
const start = process.hrtime.bigint();
let ok, imported, ready;
if (mode === 'wasm') {
  const sdk = await import(new URL(glue, 'file:///').href);
  imported = process.hrtime.bigint();
  sdk.initSync({ module: bytes });
  ready = process.hrtime.bigint();
  ok = sdk.validateConfig(valid).valid;
} else {
  const { buildZodSchema } = await import('./zod-schema.mjs');
  imported = process.hrtime.bigint();
  const { schema } = buildZodSchema();
  ready = process.hrtime.bigint();
  ok = schema.safeParse(valid).success;
}
const end = process.hrtime.bigint();
if (ok !== true) throw new Error(`${mode}: the valid form did not pass`);
console.log(`${end - start} ${end - imported} ${ready - imported}`);
