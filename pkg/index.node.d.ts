// Types of the Node.js entry point (`index.node.js`): the same API as the browser entry; the
// module is instantiated on import, so `init()` is optional (harmless) here. Declared without
// the DOM lib, like the browser entry's declarations.
export * from './dist/azure_onboarding.js';
export { default } from './dist/azure_onboarding.js';
