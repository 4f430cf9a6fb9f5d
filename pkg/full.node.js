// Node.js entry point of the full build (`@workbench/azure-onboarding/full`: validation and
// readiness assessment), instantiated synchronously like the default entry.
import { readFileSync } from 'node:fs';
import { initSync } from './dist/azure_onboarding_full.js';

initSync({ module: readFileSync(new URL('./dist/azure_onboarding_full_bg.wasm', import.meta.url)) });

export * from './dist/azure_onboarding_full.js';
export { default } from './dist/azure_onboarding_full.js';
