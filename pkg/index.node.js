// Node.js entry point: the same module as in browsers, instantiated synchronously from the
// .wasm file beside it, so Node users need no `await init()` (calling it is harmless).
import { readFileSync } from 'node:fs';
import { initSync } from './dist/azure_onboarding.js';

initSync({ module: readFileSync(new URL('./dist/azure_onboarding_bg.wasm', import.meta.url)) });

export * from './dist/azure_onboarding.js';
export { default } from './dist/azure_onboarding.js';
