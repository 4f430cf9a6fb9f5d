// Loads the wasm package once for every element on the page.
//
// The elements import the package by its npm name, `@workbench/azure-onboarding`: a bundler
// resolves it from node_modules, a page without a build step maps it with an import map
// (see www/README.md). `loadSdk(initInput)` lets a host choose where the `.wasm` comes
// from (the same argument as the package's `init`); call it before the elements connect.
import init, * as sdk from '@workbench/azure-onboarding';

let loading = null;

/** Resolves to the package's namespace once its WebAssembly module is instantiated. */
export function loadSdk(initInput) {
  loading ??= init(initInput === undefined ? undefined : { module_or_path: initInput }).then(() => sdk);
  return loading;
}
