// Loads the wasm package once for every element on the page.
//
// The elements import the package by its npm name, `@workbench/azure-onboarding` (a package
// may import itself by name): a bundler resolves it from node_modules to the module the host's
// own imports get, hence one WebAssembly instance per build on the page; a page without a
// build step maps it with an import map (see README.md in this folder). Two builds: the light one (validation, catalog, tenant lookup) that
// the form uses and the wizard's checklist is drawn from, and `…/full` (adds command filling,
// assess, remediate, collect), imported by the wizard once its checklist is shown. `loadSdk(initInput)` / `loadFullSdk(initInput)` let a
// host choose where each `.wasm` comes from (the argument of the package's `init`); call
// them before the elements need them.
import init, * as sdk from '@workbench/azure-onboarding';

let loading = null;
let loadingFull = null;

const initArg = (input) => (input === undefined ? undefined : { module_or_path: input });

/**
 * Resolves to the light package's namespace once its WebAssembly module is instantiated. A
 * failed load (the network, a 503) is not kept: the next call tries again.
 */
export function loadSdk(initInput) {
  loading ??= init(initArg(initInput)).then(() => sdk, (err) => { loading = null; throw err; });
  return loading;
}

/** Resolves to the full package's namespace (assess, remediate); fetched on first call. */
export function loadFullSdk(initInput) {
  loadingFull ??= import('@workbench/azure-onboarding/full').then(async (full) => {
    await full.default(initArg(initInput));
    return full;
  }).catch((err) => { loadingFull = null; throw err; });
  return loadingFull;
}
