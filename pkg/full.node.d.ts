// Types of the Node.js entry point of the full build (`full.node.js`): the same API as
// `dist/azure_onboarding_full.js`, instantiated on import (`init()` is optional here).
export * from './dist/azure_onboarding_full.js';
export { default } from './dist/azure_onboarding_full.js';
