// Types of `@workbench/azure-onboarding/elements/wizard`: <azure-onboarding-wizard> (which
// embeds <azure-onboarding-form>). Needs the DOM lib.
import type { CollectOptions, OnboardingPlan, ReadinessReport, Snapshot } from '@workbench/azure-onboarding/full';
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

/** The API a token is asked for: `'arm'` fills `collect`'s `armToken`, `'graph'` its `graphToken`. */
export type TokenApi = 'arm' | 'graph';

/**
 * The console's own sign-in, for "Collect from Azure now": an access token of the signed-in
 * admin for the API (MSAL: `acquireTokenSilent` with the scopes `CollectOptions.armToken` and
 * `graphToken` name), or null/undefined to leave that API out. A rejection is shown to the
 * user as "could not get a token" (token-shaped text removed from its message).
 */
export type TokenProvider = (api: TokenApi) => Promise<string | null | undefined> | string | null | undefined;

/** The options of `collect` a host may set on the wizard; the tokens come from `tokenProvider`. */
export type WizardCollectOptions = Pick<CollectOptions, 'authority' | 'collectedAt' | 'endpointsForTesting'>;

/** `<azure-onboarding-wizard>`: the whole procedure, the form, and "Check my tenant". */
export declare class AzureOnboardingWizard extends HTMLElement {
  /** Resolves (to the element) once the checklist is shown and its commands filled (the full build loaded); rejects if that build does not load. */
  readonly ready: Promise<AzureOnboardingWizard>;
  /** The page shown: 0 = "Before you start", …, the last = "Check my tenant". */
  step: number;
  /** Get: the IDs typed into "Your IDs". Set: prefill them (the form follows). */
  get ids(): WizardIds;
  set ids(ids: Partial<Omit<WizardIds, 'subscriptions'> & { subscriptions: string[] | string }>);
  /** Replaces the package's `assess` for "Check my tenant" (e.g. a server-side assessment). */
  assess: ((plan: OnboardingPlan, snapshot: Snapshot) => ReadinessReport | Promise<ReadinessReport>) | null;
  /**
   * Set: "Check my tenant" offers "Collect from Azure now" once a plan is loaded, and collects
   * in the browser with the tokens it returns (never kept, never in the DOM). Throws a
   * `TypeError` for anything but a function or null.
   */
  tokenProvider: TokenProvider | null;
  /**
   * Options of the live collection besides the tokens (default: the `authority` attribute).
   * Throws a `TypeError` naming an unknown key (a token given here is refused).
   */
  collectOptions: WizardCollectOptions | null;
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
