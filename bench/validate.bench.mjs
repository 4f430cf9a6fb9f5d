// Benchmark (not a test): validateConfig of the wasm package beside an equivalent zod 4
// schema, in one run, on the same machine state. Prints medians and ratios.
//   node bench/validate.bench.mjs          (after `cargo xtask wasm`)
//   BASELINE_DIST=/other/checkout/pkg/dist node bench/validate.bench.mjs
//                                          (adds that build's light module beside this one)
import { readFileSync, readdirSync } from 'node:fs';
import { buildZodSchema } from './zod-schema.mjs';
import { valid, invalid } from './forms.mjs';
import { execFileSync } from 'node:child_process';

const wasmUrl = new URL('../pkg/dist/azure_onboarding_bg.wasm', import.meta.url);
const glueUrl = new URL('../pkg/dist/azure_onboarding.js', import.meta.url);
const bytes = readFileSync(wasmUrl);


const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / iterations; // ns per call
}
function measure(fn, iterations, rounds = 9) {
  time(fn, Math.ceil(iterations / 10)); // warm-up
  return median(Array.from({ length: rounds }, () => time(fn, iterations)));
}
// Two functions compared: their rounds alternate (a, b, a, b…), so that a change in the
// machine's load (a build on the other core) weighs on both sides alike; medians of each.
function pair(a, b, iterations, rounds = 15) {
  time(a, Math.ceil(iterations / 10));
  time(b, Math.ceil(iterations / 10));
  const ta = [], tb = [];
  for (let r = 0; r < rounds; r++) {
    ta.push(time(a, iterations));
    tb.push(time(b, iterations));
  }
  return [median(ta), median(tb)];
}

const sdk = await import(glueUrl.href);
sdk.initSync({ module: bytes });
const { schema, fields } = buildZodSchema();
if (!sdk.validateConfig(valid).valid || schema.safeParse(valid).success !== true) throw new Error('valid config must pass both');
if (sdk.validateConfig(invalid).valid || schema.safeParse(invalid).success !== false) throw new Error('invalid config must fail both');

// The calls first, in a process that has built one zod schema and instantiated one module,
// as a page does: building the schema hundreds of times (the readiness rows below) leaves
// zod's code slower for the rest of the process (a valid form: 1.8 -> 3.5 µs measured),
// which flattered the module in the ratios of earlier runs.
const rows = [
  ['validate a valid config', ...pair(() => sdk.validateConfig(valid), () => schema.safeParse(valid), 20000)],
  ['validate an invalid config', ...pair(() => sdk.validateConfig(invalid), () => schema.safeParse(invalid), 20000)],
  ['validateField (tenantId) vs one zod field', ...pair(() => sdk.validateField('tenantId', valid.tenantId), () => fields.tenantId.safeParse(valid.tenantId), 50000)],
  // Per keystroke in a form: the field in the context of the whole form (as the elements call it).
  ['validateField (tenantId, whole form) vs field', ...pair(() => sdk.validateField('tenantId', valid.tenantId, valid), () => fields.tenantId.safeParse(valid.tenantId), 50000)],
  // The floor of any call into the module: version() does no work but cross and return a
  // short string (the glue's call guard, the call, one TextDecoder.decode).
  ['floor: version() vs one zod field', ...pair(() => sdk.version(), () => fields.tenantId.safeParse(valid.tenantId), 50000)],
];

// The floor of the boundary: the JS half of a call done alone, with no wasm and no validation.
// Per call the glue and the snippets do exactly this around the module's work: readForm (check
// the form, its fields written as UTF-8 into the module's memory), those bytes wiped (by the
// module), the result decoded (getStringFromWasm0: TextDecoder) and built into objects
// (reportFrom / issuesFrom, with the caller's strings where the module says "unchanged").
// Plus one call into the module (version()).
// If this sum is above zod's time, no change inside the module can bring the call under it.
const snippetsDir = new URL('../pkg/dist/snippets/', import.meta.url);
const snippet = {};
for (const dir of readdirSync(snippetsDir)) {
  for (const file of readdirSync(new URL(`${dir}/`, snippetsDir))) {
    Object.assign(snippet, await import(new URL(`${dir}/${file}`, snippetsDir).href));
  }
}
// The compact text of a result (the format of results.rs), written here from the objects the
// module returned; checked below to read back into the same objects.
const SAME = {};
// `^n`: the first n units of the caller's value and "…" (the secret's hint).
const prefix = (n) => ({ prefix: n });
function compact(strings) {
  const entry = (s) => (s === undefined ? '-' : s === SAME ? '=' : typeof s === 'object' ? `^${s.prefix}` : String(s.length));
  return `${strings.map(entry).join(',')};${strings.filter((s) => typeof s === 'string').join('')}`;
}
const CONFIG_KEYS = ['accessOption', 'tenantId', 'clientId', 'clientSecret', 'deviceName', 'location', 'useStorageAccountContributorRole'];
const issueStrings = (list) => [String(list.length), ...list.flatMap((i) => [i.field, i.code, i.severity, i.message, i.hint])];
// A normalized value equal to the input crosses as `=`; the secret's hint as `^n` when it is
// the start of the input.
const normalizedStrings = (r, input) => CONFIG_KEYS.map((k) => {
  const v = r.normalized[k];
  if (v === undefined || input[k] === undefined) return v;
  if (k === 'clientSecret') return v.endsWith('…') && v.length > 1 && input[k].startsWith(v.slice(0, -1)) ? prefix(v.length - 1) : v;
  return v === input[k] ? SAME : v;
});
const reportText = (r, input) => compact([r.valid ? '1' : '0', ...issueStrings(r.issues), ...normalizedStrings(r, input)]);
const validReport = sdk.validateConfig(valid);
const validText = reportText(validReport, valid);
const encoder = new TextEncoder();
// The module's memory stands in: readForm writes into it, and the results are read from it,
// as from the module's.
const memory = new WebAssembly.Memory({ initial: 1 });
const memoryBytes = new Uint8Array(memory.buffer);
const LIMITS = [128, 16 * 1024 * 1024, 16 * 1024 * 1024, 4096]; // MAX_DEPTH, MAX_NODES, MAX_CHARS, MAX_FIELD_CHARS
const AT = 1024, CAPACITY = 1024, RESULT_AT = 4096, ISSUES_AT = 8192;
const readValid = () => {
  const n = snippet.readForm(valid, 0, 127, memory, AT, CAPACITY, ...LIMITS);
  memoryBytes.fill(0, AT, AT + n); // what the module does once it has read the form
  return snippet.takeInput();
};
const validBytes = encoder.encode(validText);
memoryBytes.set(validBytes, RESULT_AT);
const jsHalfConfig = () => snippet.reportFrom(memory, RESULT_AT, validBytes.length, readValid());
if (JSON.stringify(jsHalfConfig()) !== JSON.stringify(validReport)) throw new Error('compact text of the valid report does not read back');
const issuesBytes = encoder.encode('1;0');
memoryBytes.set(issuesBytes, ISSUES_AT);
const jsHalfField = () => {
  // tenantId depends on no other field: the context is only checked (readForm gives -2).
  if (snippet.readForm(valid, 1, 0, memory, AT, CAPACITY, ...LIMITS) !== -2) throw new Error('tenantId needs no context');
  encoder.encodeInto(valid.tenantId, memoryBytes);
  return snippet.issuesFrom(memory, ISSUES_AT, issuesBytes.length);
};
if (sdk.validateField('tenantId', valid.tenantId, valid).length !== 0 || jsHalfField().length !== 0) throw new Error('the field result is not an empty list');
rows.push(
  ['floor: JS half of validateConfig vs config', ...pair(jsHalfConfig, () => schema.safeParse(valid), 20000)],
  ['floor: version() vs config', ...pair(() => sdk.version(), () => schema.safeParse(valid), 20000)],
  ['floor: JS half of validateField+form vs field', ...pair(jsHalfField, () => fields.tenantId.safeParse(valid.tenantId), 50000)],
);

// Readiness: instantiating the module (compile + instantiate the .wasm through the glue,
// a fresh glue module each time) beside building the zod schema.
let generation = 0;
// The median time of initSync with `module` (bytes: compile + instantiate; a module compiled
// once: what a host that caches it pays per instance, `WebAssembly.Module` in Node or a
// worker, `instantiateStreaming`'s cache in a browser), a fresh glue module each time.
async function readiness(module) {
  const times = [];
  for (let i = 0; i < 15; i++) {
    const glue = await import(`${glueUrl.href}?generation=${generation++}`);
    const start = process.hrtime.bigint();
    glue.initSync({ module });
    times.push(Number(process.hrtime.bigint() - start));
  }
  return median(times);
}
const wasmReady = await readiness(bytes);
const wasmReadyCompiled = await readiness(new WebAssembly.Module(bytes));
const zodReady = measure(buildZodSchema, 200);

// The rows above set a fresh glue (its JS compiled on its first call: V8 compiles lazily)
// beside zod's 200th schema build (buildZodSchema long compiled). Here both sides' own code
// runs for the first time and the libraries under it are warm (V8's wasm compiler and the
// bytes' cached compile; zod): a fresh copy of the glue, initSync from the bytes, beside a
// fresh copy of bench/zod-schema.mjs, buildZodSchema once. The two sides alternate, each
// going first in every other round.
const zodSchemaUrl = new URL('./zod-schema.mjs', import.meta.url);
const firstRun = [[], []];
for (let i = 0; i < 15; i++) {
  const sides = [
    async () => {
      const glue = await import(`${glueUrl.href}?generation=${generation++}`);
      const start = process.hrtime.bigint();
      glue.initSync({ module: bytes });
      firstRun[0].push(Number(process.hrtime.bigint() - start));
    },
    async () => {
      const zodModule = await import(`${zodSchemaUrl.href}?generation=${generation++}`);
      const start = process.hrtime.bigint();
      zodModule.buildZodSchema();
      firstRun[1].push(Number(process.hrtime.bigint() - start));
    },
  ];
  if (i % 2) sides.reverse();
  for (const side of sides) await side();
}

rows.unshift(
  ['instantiate (wasm) / build schema (zod)', wasmReady, zodReady],
  ['instantiate a compiled module / build schema', wasmReadyCompiled, zodReady],
  ['first run of both: instantiate from bytes / build', ...firstRun.map(median)],
);

// Cold start: a fresh process per start, the two sides alternating (see cold-start.mjs).
const coldScript = new URL('./cold-start.mjs', import.meta.url).pathname;
const cold = (...args) => execFileSync(process.execPath, [coldScript, ...args], { encoding: 'utf8' }).trim().split(' ').map(Number);
// [whole, after the import, ready only] medians of each side.
const coldRun = (argsA, argsB) => {
  const a = [], b = [];
  for (let i = 0; i < 15; i++) { a.push(cold(...argsA)); b.push(cold(...argsB)); }
  return [0, 1, 2].map((k) => [median(a.map((t) => t[k])), median(b.map((t) => t[k]))]);
};
const [coldWhole, coldReady, coldInstantiate] = coldRun(['wasm', glueUrl.pathname, wasmUrl.pathname], ['zod']);
rows.push(
  ['cold process: import + ready + one valid form', ...coldWhole],
  ['cold process: ready + one valid form', ...coldReady],
  // The two in-process readiness rows compare a fresh copy of the glue (one instance per
  // copy: its JS runs for the first time) with zod's schema build warm (200 builds in one
  // process). Here both sides run their code for the first time, as on a page.
  ['cold process: instantiate from bytes / build schema', ...coldInstantiate],
);

const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(2)} µs`);
console.log(`node ${process.version}, wasm ${bytes.length} B, median of rounds (the two sides' rounds alternate)`);
console.log('case'.padEnd(44), 'wasm'.padStart(11), 'zod 4'.padStart(11), 'wasm/zod'.padStart(9));
for (const [name, w, zz] of rows) {
  console.log(name.padEnd(44), fmt(w).padStart(11), fmt(zz).padStart(11), `${(w / zz).toFixed(2)}x`.padStart(9));
}

// Side by side with a baseline build (another checkout's pkg/dist), in the same run.
if (process.env.BASELINE_DIST) {
  const dir = new URL(`file://${process.env.BASELINE_DIST.replace(/\/?$/, '/')}`);
  const base = await import(new URL('azure_onboarding.js', dir).href);
  base.initSync({ module: readFileSync(new URL('azure_onboarding_bg.wasm', dir)) });
  const pairs = [
    ['validate a valid config', (m) => () => m.validateConfig(valid), 20000],
    ['validate an invalid config', (m) => () => m.validateConfig(invalid), 20000],
    ['validateField (tenantId)', (m) => () => m.validateField('tenantId', valid.tenantId), 50000],
    ['validateField (tenantId, whole form)', (m) => () => m.validateField('tenantId', valid.tenantId, valid), 50000],
    ['validateField (clientId, whole form)', (m) => () => m.validateField('clientId', valid.clientId, valid), 50000],
  ];
  console.log(`\nbaseline ${process.env.BASELINE_DIST}`);
  console.log('case'.padEnd(44), 'this'.padStart(11), 'baseline'.padStart(11), 'this/base'.padStart(9));
  for (const [name, f, n] of pairs) {
    const [a, b] = pair(f(sdk), f(base), n);
    console.log(name.padEnd(44), fmt(a).padStart(11), fmt(b).padStart(11), `${(a / b).toFixed(2)}x`.padStart(9));
  }
  // Readiness of each build, rounds alternating: initSync of a fresh glue copy, from the bytes
  // (compile + instantiate) and from a module compiled once (instantiate only).
  const baseBytes = readFileSync(new URL('azure_onboarding_bg.wasm', dir));
  const builds = [[glueUrl, bytes], [new URL('azure_onboarding.js', dir), baseBytes]];
  for (const [name, compile] of [['instantiate from the bytes', false], ['instantiate a compiled module', true]]) {
    const times = [[], []];
    const modules = builds.map(([, b]) => new WebAssembly.Module(b));
    for (let i = 0; i < 15; i++) {
      for (const [k, [url, b]] of builds.entries()) {
        const glue = await import(`${url.href}?generation=${generation++}`);
        const start = process.hrtime.bigint();
        glue.initSync({ module: compile ? modules[k] : b });
        times[k].push(Number(process.hrtime.bigint() - start));
      }
    }
    const [a, b] = times.map(median);
    console.log(name.padEnd(44), fmt(a).padStart(11), fmt(b).padStart(11), `${(a / b).toFixed(2)}x`.padStart(9));
  }
  const coldBoth = coldRun(
    ['wasm', glueUrl.pathname, wasmUrl.pathname],
    ['wasm', new URL('azure_onboarding.js', dir).pathname, new URL('azure_onboarding_bg.wasm', dir).pathname],
  );
  for (const [name, [a, b]] of [['cold process: import + ready + one form', coldBoth[0]], ['cold process: ready + one form', coldBoth[1]], ['cold process: instantiate from bytes', coldBoth[2]]]) {
    console.log(name.padEnd(44), fmt(a).padStart(11), fmt(b).padStart(11), `${(a / b).toFixed(2)}x`.padStart(9));
  }
}
