// Types of `@workbench/azure-onboarding/elements/wizard`: <azure-onboarding-wizard> (which
// embeds <azure-onboarding-form>). Needs the DOM lib.
import type { OnboardingPlan, ReadinessReport, Snapshot } from '@workbench/azure-onboarding/full';
import type { AzureOnboardingEventMap } from './form.js';

export * from './form.js';

/** The IDs of the wizard's "Your IDs" page, which fill the `az` commands. */
export interface WizardIds {
  accessOption: 'enterpriseApp' | 'customApp';
  tenantId: string;
  applicationId: string;
  subscriptions: string[];
  guestMail: string;
  resourceGroup: string;
  logStorageAccount: string;
}

/** `<azure-onboarding-wizard>`: the whole procedure, the form, and "Check my tenant". */
export declare class AzureOnboardingWizard extends HTMLElement {
  /** Resolves (to the element) once the checklist is shown. */
  readonly ready: Promise<AzureOnboardingWizard>;
  /** The page shown: 0 = "Before you start", …, the last = "Check my tenant". */
  step: number;
  /** Get: the IDs typed into "Your IDs". Set: prefill them (the form follows). */
  get ids(): WizardIds;
  set ids(ids: Partial<Omit<WizardIds, 'subscriptions'> & { subscriptions: string[] | string }>);
  /** Replaces the package's `assess` for "Check my tenant" (e.g. a server-side assessment). */
  assess: ((plan: OnboardingPlan, snapshot: Snapshot) => ReadinessReport) | null;
  /** Shows a `ReadinessReport` on "Check my tenant". */
  renderReport(report: ReadinessReport): void;
  addEventListener<K extends keyof AzureOnboardingEventMap>(type: K, listener: (this: AzureOnboardingWizard, ev: AzureOnboardingEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: AzureOnboardingWizard, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof AzureOnboardingEventMap>(type: K, listener: (this: AzureOnboardingWizard, ev: AzureOnboardingEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: AzureOnboardingWizard, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'azure-onboarding-wizard': AzureOnboardingWizard;
  }
}
