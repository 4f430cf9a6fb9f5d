// Type-checked (tsc --noEmit) against the shipped .d.ts: every export, as a user writes it.
import init, { version } from '@workbench/azure-onboarding';

await init();
const v: string = version();
export { v };
