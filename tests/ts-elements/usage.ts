// A console's TypeScript using the elements' declarations (checked by
// tests/js/elements-types.test.mjs with tsc --strict, DOM lib, bundler resolution).
import { AzureOnboardingForm, AzureOnboardingWizard, loadSdk, loadFullSdk } from '@workbench/azure-onboarding/elements';
import type { OnboardingSubmitEvent, WizardIds } from '@workbench/azure-onboarding/elements';
import '@workbench/azure-onboarding/elements/form';
import type { ValidationReport } from '@workbench/azure-onboarding';

// HTMLElementTagNameMap: querySelector and createElement know the classes (no annotation
// here, so that a missing entry is an error below, not an inferred type argument).
const form = document.querySelector('azure-onboarding-form');
const wizard = document.createElement('azure-onboarding-wizard');
const classes: [AzureOnboardingForm | null, AzureOnboardingWizard] = [form, wizard];
void classes;

async function save(config: { tenantId?: string | null }): Promise<string> {
  return `saved ${config.tenantId ?? ''}`;
}

if (form) {
  // Typed event details on the element…
  form.addEventListener('onboarding-submit', (e) => {
    const tenant: string | null | undefined = e.detail.tenantId;
    e.respondWith(save({ tenantId: tenant }));
  });
  form.addEventListener('onboarding-change', (e) => {
    const valid: boolean = e.detail.valid;
    const codes: string[] = e.detail.issues.map((i) => i.code);
    // @ts-expect-error: the detail has no such member (the types are not `any`)
    void e.detail.nonexistent;
    void valid; void codes;
  });
  form.value = { accessOption: 'customApp', tenantId: '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b' };
  // @ts-expect-error: the value read back never has the secret
  void form.value.clientSecret;
  form.ready.then((f) => { const r: ValidationReport = f.validate(); void r; });
}

// …and on the document, since they bubble and are composed.
document.addEventListener('onboarding-step', (e) => { const n: number = e.detail.step; void n; });
document.addEventListener('onboarding-submit', (e: OnboardingSubmitEvent) => { void e.detail.clientSecret; });

wizard.ids = { tenantId: '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b', subscriptions: ['3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718'] };
const ids: WizardIds = wizard.ids;
wizard.step = ids.subscriptions.length;
wizard.assess = null;
// @ts-expect-error: step is a number
wizard.step = 'check';
// The console's sign-in for "Collect from Azure now" (MSAL-like), and the options besides tokens.
declare const msal: { acquireTokenSilent(r: { scopes: string[] }): Promise<{ accessToken: string }> };
wizard.tokenProvider = async (api) => (await msal.acquireTokenSilent({
  scopes: [api === 'arm' ? 'https://management.azure.com/user_impersonation' : 'https://graph.microsoft.com/User.Read.All'],
})).accessToken;
wizard.tokenProvider = null;
wizard.collectOptions = { authority: 'AzureUSGovernment' };
// @ts-expect-error: only 'arm' and 'graph' are asked for
wizard.tokenProvider = async (api: 'storage') => api;
// @ts-expect-error: tokens come from tokenProvider, not collectOptions
wizard.collectOptions = { armToken: 'x' };

const light = await loadSdk('/static/azure_onboarding_bg.wasm');
light.validateField('tenantId', 'x', {});
const full = await loadFullSdk();
// A server-side assessment answers later.
wizard.assess = async (plan, snapshot) => full.assess(plan, snapshot);
// @ts-expect-error: the assessment returns a report
wizard.assess = () => 'ready';
wizard.renderReport(full.assess(
  { tenantId: 't', accessOption: 'customApp', applicationId: 'a', subscriptions: [], logStorageAccount: 'l' },
  { format: 'azure-onboarding-snapshot/v1', collectedAt: '2026-11-26T12:00:00Z', responses: [] },
));
