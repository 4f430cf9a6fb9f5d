// Types of `@workbench/azure-onboarding/elements/form`: <azure-onboarding-form> and the events
// of both elements. The data types (ValidationReport, Issue, …) are the package's own,
// generated from the Rust types. Needs the DOM lib (`"lib": ["DOM", …]`).
import type { Issue, ValidationReport, WorkbenchConfig } from '@workbench/azure-onboarding';

/** Detail of `onboarding-submit`: the normalized configuration **with** the client secret. */
export type OnboardingSubmitDetail = WorkbenchConfig;

/**
 * `onboarding-submit`: Save on a valid form. `detail` holds the client secret: send it to the
 * backend, never log it. Answer with `respondWith(promise)`: the form shows "Saving…", then
 * the promise's string (or "Saved."), or "Not saved: <message>" on rejection.
 */
export interface OnboardingSubmitEvent extends CustomEvent<OnboardingSubmitDetail> {
  respondWith(answer: Promise<string | void> | string | void): void;
}

/** Detail of `onboarding-change` (after every edit; the secret is never in it). */
export interface OnboardingChangeDetail {
  valid: boolean;
  issues: Issue[];
}

/** Detail of `onboarding-step` (the wizard changed page). */
export interface OnboardingStepDetail {
  /** 0 = "Before you start", …, the last = "Check my tenant". */
  step: number;
  /** The catalog step's id, or `check`. */
  id: string;
}

/** The events the elements dispatch; all bubble and are composed (they cross shadow roots). */
export interface AzureOnboardingEventMap {
  'onboarding-submit': OnboardingSubmitEvent;
  'onboarding-change': CustomEvent<OnboardingChangeDetail>;
  'onboarding-ready': Event;
  'onboarding-step': CustomEvent<OnboardingStepDetail>;
}

/** The form's values as `value` returns them: every field but the client secret. */
export type FormValue = Omit<WorkbenchConfig, 'clientSecret'>;

/** `<azure-onboarding-form>`: the Workbench configuration form (Step 5). */
export declare class AzureOnboardingForm extends HTMLElement {
  /** Resolves (to the element) once the module is loaded and the fields are shown. */
  readonly ready: Promise<AzureOnboardingForm>;
  /** Get: the fields without the secret. Set: prefill (the secret can be set, never read). */
  get value(): FormValue;
  set value(config: Partial<WorkbenchConfig> | null | undefined);
  /** The `ValidationReport` of the current fields (secret redacted). Call after `ready`. */
  validate(): ValidationReport;
  /** Clears every field and message. */
  reset(): void;
  addEventListener<K extends keyof AzureOnboardingEventMap>(type: K, listener: (this: AzureOnboardingForm, ev: AzureOnboardingEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: AzureOnboardingForm, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof AzureOnboardingEventMap>(type: K, listener: (this: AzureOnboardingForm, ev: AzureOnboardingEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: AzureOnboardingForm, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'azure-onboarding-form': AzureOnboardingForm;
  }
  // The events bubble and are composed: a listener on the document or any ancestor gets them.
  interface GlobalEventHandlersEventMap {
    'onboarding-submit': OnboardingSubmitEvent;
    'onboarding-change': CustomEvent<OnboardingChangeDetail>;
    'onboarding-ready': Event;
    'onboarding-step': CustomEvent<OnboardingStepDetail>;
  }
}
