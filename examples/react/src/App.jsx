// A console page in React 19 with the package's custom elements. React 19 passes a prop to a
// custom element as a property when the element has one (`value`, `ids`), and a prop named
// `on` + the event's name as an event listener (`ononboarding-submit` listens to
// `onboarding-submit`): no refs, no wrappers.
import { useState } from 'react';
import '@workbench/azure-onboarding/elements';

// Prefills. Module-level constants: React sets a property again whenever the prop's identity
// changes, and setting `value` again would overwrite what the customer typed.
const PREFILL = { accessOption: 'customApp', deviceName: 'Azure production' };
const IDS = { tenantId: '6f1d2c3b-4a59-4e8f-9a7b-0c1d2e3f4a5b', subscriptions: ['3c2e1f4a-8b9d-4e6f-a1b2-c3d4e5f60718'] };

/** Stands in for the console's backend: it would receive the configuration over HTTPS. */
function saveToBackend(config) {
  return new Promise((resolve) => setTimeout(() => resolve(config.tenantId), 10));
}

export function App() {
  const [theme, setTheme] = useState('light');
  const [status, setStatus] = useState({ valid: false, errors: 0 });
  const [savedTenant, setSavedTenant] = useState(null);
  const [step, setStep] = useState(0);

  const onSubmit = (event) => {
    // event.detail holds the client secret: send it, never log or store it in state.
    const saved = saveToBackend(event.detail).then((tenant) => {
      setSavedTenant(tenant);
      return `Saved for tenant ${tenant}.`;
    });
    event.respondWith(saved);
  };

  return (
    <main>
      <h1>Connect Azure to Workbench</h1>
      <p>
        <button type="button" onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}>
          Theme: {theme}
        </button>
      </p>
      <section aria-labelledby="settings">
        <h2 id="settings">Settings</h2>
        <azure-onboarding-form
          theme={theme}
          value={PREFILL}
          ononboarding-change={(e) => setStatus({ valid: e.detail.valid, errors: e.detail.issues.filter((i) => i.severity === 'error').length })}
          ononboarding-submit={onSubmit}
        />
        <p id="form-state">{status.valid ? 'Ready to save' : `${status.errors} problem(s) left`}</p>
        {savedTenant && <p id="saved">Backend received tenant {savedTenant}</p>}
      </section>
      <section aria-labelledby="guide">
        <h2 id="guide">Step by step</h2>
        <p id="step">Page {step + 1}</p>
        <azure-onboarding-wizard theme={theme} ids={IDS} ononboarding-step={(e) => setStep(e.detail.step)} />
      </section>
    </main>
  );
}
