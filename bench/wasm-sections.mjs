// Size analysis (not a test): the sections of a .wasm, raw and gzipped each on its own: how
// much of a module is code and how much is data (messages, the catalog's texts).
//   node bench/wasm-sections.mjs pkg/dist/azure_onboarding_bg.wasm
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
const bytes = readFileSync(process.argv[2]);
let at = 8; // after the magic number and the version
const leb = () => {
  let value = 0, shift = 0, b;
  do {
    b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return value;
};
console.log('section'.padEnd(10), 'raw B'.padStart(9), 'gzipped B'.padStart(10));
while (at < bytes.length) {
  const id = bytes[at++];
  const length = leb();
  const body = bytes.subarray(at, at + length);
  console.log((NAMES[id] ?? String(id)).padEnd(10), String(length).padStart(9), String(gzipSync(body, { level: 9 }).length).padStart(10));
  at += length;
}
