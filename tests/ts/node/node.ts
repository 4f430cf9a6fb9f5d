// A Node-only project (lib ES2022 and @types/node, no DOM lib, skipLibCheck: false) against the
// package's Node export condition: its declarations must compile without the DOM lib.
import { readFileSync } from 'node:fs';
import init, {
  initSync,
  validateConfig,
  validateField,
  AzureOnboardingError,
  type WorkbenchConfig,
  type ValidationReport,
} from '@workbench/azure-onboarding';
import { assess, collect, type ReadinessReport } from '@workbench/azure-onboarding/full';

// Harmless in Node; bytes from the file system are an accepted input (no DOM types needed).
await init();
initSync({ module: readFileSync(new URL('./x.wasm', import.meta.url)) });

// The access option is a union of the real values; null is accepted where the runtime accepts it.
const config: WorkbenchConfig = { accessOption: 'enterpriseApp', tenantId: null, deviceName: 'Azure production' };
// @ts-expect-error 'customapp' is not an access option (the casing matters)
const typo: WorkbenchConfig = { accessOption: 'customapp' };
const report: ValidationReport = validateConfig(config);
const fromForm: unknown[] = validateField('tenantId', '', null);
let readiness: ReadinessReport | undefined;
try {
  readiness = assess({ tenantId: '', accessOption: 'enterpriseApp', subscriptions: [] } as never, {} as never);
} catch (e) {
  if (e instanceof AzureOnboardingError) console.log(e.code, e.path);
}

// Node's AbortSignal (no DOM lib) fits collect's `signal`.
const cancelled = collect({} as never, { armToken: 't', signal: new AbortController().signal });

export { report, typo, fromForm, readiness, cancelled };
