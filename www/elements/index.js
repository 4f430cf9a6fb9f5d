// Entry point of the embeddable elements: importing it defines <azure-onboarding-form> and
// <azure-onboarding-wizard>. See www/README.md.
export { loadSdk } from './sdk.js';
export { AzureOnboardingForm } from './form.js';
export { AzureOnboardingWizard } from './wizard.js';
