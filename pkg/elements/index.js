// Entry point of the embeddable elements: importing it defines <azure-onboarding-form> and
// <azure-onboarding-wizard>. A page with the form only imports './form.js' instead (it does
// not need the wizard's code). See README.md in this folder.
export { loadSdk, loadFullSdk } from './sdk.js';
export { AzureOnboardingForm } from './form.js';
export { AzureOnboardingWizard } from './wizard.js';
