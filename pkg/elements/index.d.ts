// Types of `@workbench/azure-onboarding/elements`: both custom elements, their events and the
// module loaders. Needs the DOM lib (`"lib": ["DOM", …]`): these are browser classes.
import type * as Light from '@workbench/azure-onboarding';
import type * as Full from '@workbench/azure-onboarding/full';
import type { InitInput } from '@workbench/azure-onboarding';

export * from './wizard.js';

/**
 * The light build's namespace once its module is instantiated (once per page, shared by every
 * element and by the host's own `import … from '@workbench/azure-onboarding'`). Pass where the
 * `.wasm` comes from on the first call only, before an element needs it.
 */
export declare function loadSdk(initInput?: InitInput | Promise<InitInput>): Promise<typeof Light>;

/** The full build's namespace (assess, remediate), fetched on the first call. */
export declare function loadFullSdk(initInput?: InitInput | Promise<InitInput>): Promise<typeof Full>;
