// A project on the legacy resolution (`moduleResolution: node10`, which ignores `exports`):
// the root entry is found through `types`, `/full` through `typesVersions`.
import { validateConfig, type ValidationReport } from '@workbench/azure-onboarding';
import { assess, remediate, type ReadinessReport, type RenderedRemediation } from '@workbench/azure-onboarding/full';

export const report: ValidationReport = validateConfig({ accessOption: 'customApp' });
export const assessFn: (...args: never[]) => ReadinessReport = assess;
export const remediateFn: (...args: never[]) => RenderedRemediation = remediate;
