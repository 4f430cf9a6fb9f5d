// `@workbench/azure-onboarding` for the browser run of the JS suite: the browser build of the
// package, initialized once (as a page does with `await init()`).
import init from '../../pkg/dist/azure_onboarding.js';

await init();

export * from '../../pkg/dist/azure_onboarding.js';
