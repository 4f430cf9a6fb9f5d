// Type-checked against the full build's .d.ts: assessment types are string unions too.
import init, {
  assess,
  fillCommand,
  checkCommandValues,
  type FilledCommand,
  type ValueProblem,
  collect,
  validateConfig,
  type CollectResult,
  type FindingCode,
  type OnboardingPlan,
  type ReadinessReport,
  type Snapshot,
  type Status,
} from '@workbench/azure-onboarding/full';

await init();

const plan: OnboardingPlan = {
  tenantId: '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b',
  accessOption: 'customApp',
  applicationId: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
  subscriptions: ['3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718'],
  logStorageAccount:
    '/subscriptions/3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718/resourceGroups/logs/providers/Microsoft.Storage/storageAccounts/workbenchlogs',
  monitoredStorageAccounts: 'all',
};
const snapshot: Snapshot = { format: 'azure-onboarding-snapshot/v1', collectedAt: '2026-11-26T12:00:00Z', responses: [] };
const report: ReadinessReport = assess(plan, snapshot);
const statuses: Status[] = report.steps.map((s) => s.status);
const codes: FindingCode[] = report.steps.flatMap((s) => s.findings.map((f) => f.code));
// @ts-expect-error 'log-analytics-reader-absent' is not a FindingCode
const wrong: FindingCode = 'log-analytics-reader-absent';
const valid: boolean = validateConfig({}).valid;

// The browser collector: tokens from MSAL, never a client secret.
const collected: CollectResult = await collect(plan, { armToken: 'eyJ0…', graphToken: 'eyJ0…', authority: 'https://login.microsoftonline.us' });
const live: ReadinessReport = assess(plan, collected.snapshot);
const retries: number = collected.stats.retries;
// Cancelling: the DOM's AbortSignal fits `signal`; something else does not.
const controller = new AbortController();
await collect(plan, { armToken: 'eyJ0…', signal: controller.signal, onProgress: (p) => p.completed });
// @ts-expect-error a signal is an AbortSignal, not a flag
await collect(plan, { armToken: 'eyJ0…', signal: true });
// @ts-expect-error a client secret is never an option of collect
await collect(plan, { clientSecret: 'abc8Q~…' });

const filled: FilledCommand = fillCommand('az account show --subscription {subscriptionId}', { subscriptions: ['3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718'] });
const invalid: string[] = filled.invalid;
const problems: ValueProblem[] = checkCommandValues({ subscriptions: ['junk'] });
const problemInput: string = problems[0]?.input ?? '';

export { filled, invalid, problemInput, statuses, codes, wrong, valid, live, retries };
