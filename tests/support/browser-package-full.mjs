// `@workbench/azure-onboarding/full` for the browser run of the JS suite.
import init from '../../pkg/dist/azure_onboarding_full.js';

await init();

export * from '../../pkg/dist/azure_onboarding_full.js';
