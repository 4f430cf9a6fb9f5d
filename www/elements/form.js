// <azure-onboarding-form>: the Workbench configuration form (Step 5), validated as the
// customer types by the wasm core. API: see www/README.md.
import { loadSdk } from './sdk.js';
import { adoptStyles, h, uid } from './theme.js';

const css = `
form { display: grid; gap: 1.1rem; max-width: 40rem; }
fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
legend, label.label { display: block; font-weight: 600; margin-bottom: .3rem; padding: 0; }
.options { display: grid; gap: .5rem; }
.option {
  display: grid; grid-template-columns: auto 1fr; gap: .1rem .6rem; align-items: start;
  padding: .6rem .75rem; border: 1px solid var(--ao-border-subtle); border-radius: var(--ao-radius); cursor: pointer;
}
.option:has(input:checked) { border-color: var(--ao-accent); background: var(--ao-accent-subtle); }
.option input { margin: .3rem 0 0; width: 1rem; height: 1rem; accent-color: var(--ao-accent); }
.option .title { font-weight: 600; }
.option .muted { grid-column: 2; font-size: .9rem; }
.field { display: grid; gap: .25rem; }
.description { font-size: .875rem; color: var(--ao-muted); margin: 0; }
.control { display: flex; gap: .5rem; align-items: stretch; }
input[type="text"], input[type="password"] {
  flex: 1; min-width: 0; min-height: 2.4rem; padding: .4rem .6rem;
  border: 1px solid var(--ao-border); border-radius: var(--ao-radius); background: var(--ao-bg);
}
input.mono { font-family: var(--ao-mono); font-size: .92rem; }
input[aria-invalid="true"] { border-color: var(--ao-error); box-shadow: inset 0 0 0 1px var(--ao-error); }
.messages:empty { display: none; }
.messages { display: grid; gap: .35rem; }
.message { display: grid; grid-template-columns: auto 1fr; gap: 0 .45rem; font-size: .9rem; }
.message .icon { font-weight: 700; width: 1.1rem; height: 1.1rem; border-radius: 50%; display: inline-grid;
  place-items: center; font-size: .75rem; margin-top: .15rem; color: var(--ao-bg); }
.message.error { color: var(--ao-error); }
.message.error .icon { background: var(--ao-error); }
.message.warning { color: var(--ao-warning); }
.message.warning .icon { background: var(--ao-warning); }
.message .text { font-weight: 600; }
.message .hint { grid-column: 2; color: var(--ao-fg); font-weight: 400; }
.lookup { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.lookup-status { font-size: .9rem; }
.lookup-status.error { color: var(--ao-error); }
.lookup-status.success { color: var(--ao-success); }
details.legacy { border-top: 1px solid var(--ao-border-subtle); padding-top: .8rem; }
details.legacy summary { cursor: pointer; font-weight: 600; width: fit-content; }
details.legacy .field { margin-top: .7rem; }
.summary h2 { font-size: 1rem; margin: 0 0 .3rem; }
.summary ul { margin: 0; padding-left: 1.2rem; }
.summary a { color: var(--ao-fg); }
.summary li { margin: .15rem 0; }
.actions { display: flex; gap: .8rem; align-items: center; flex-wrap: wrap; border-top: 1px solid var(--ao-border-subtle); padding-top: 1rem; }
.actions .status { font-size: .9rem; color: var(--ao-muted); }
.actions .status.success { color: var(--ao-success); font-weight: 600; }
`;

/** The fields in form order, with their labels as in the Azure portal and Workbench. */
const FIELDS = [
  {
    name: 'tenantId', label: 'Directory (tenant) ID', mono: true,
    description: 'Microsoft Entra ID > Overview > Tenant ID. A GUID such as 00000000-0000-0000-0000-000000000000, not a domain.',
  },
  {
    name: 'clientId', label: 'Application (client) ID', mono: true, customApp: true,
    description: 'App registrations > your app > Overview > Application (client) ID.',
  },
  {
    name: 'clientSecret', label: 'Client secret value', mono: true, customApp: true, secret: true,
    description: 'Certificates & secrets > Client secrets: the Value column (shown once), not the Secret ID.',
  },
  { name: 'deviceName', label: 'Device name', description: 'The name this Azure tenant gets as a security device in Workbench.' },
  { name: 'location', label: 'Location', initial: 'Microsoft Cloud', description: 'The cloud of the tenant: Microsoft Cloud.' },
];
const LEGACY = {
  name: 'useStorageAccountContributorRole', label: 'Use storage account contributor role (Y/N)',
  description: 'Legacy setting: leave it blank. Workbench reads storage logs with Storage Blob Data Reader.',
};
const ALL_FIELDS = [...FIELDS, LEGACY];

export class AzureOnboardingForm extends HTMLElement {
  #sdk = null;
  #root;
  #ids = uid('aof');
  #inputs = {};
  #rows = {};
  #messages = {};
  #touched = new Set();
  #issues = {};
  #submitted = false;
  #pending = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open', delegatesFocus: true });
    adoptStyles(this.#root, css);
    this.#render();
  }

  connectedCallback() {
    loadSdk().then(
      (sdk) => {
        this.#sdk = sdk;
        this.#root.querySelector('form').removeAttribute('aria-busy');
        if (this.#pending) this.value = this.#pending;
        this.#validate();
        this.dispatchEvent(new Event('onboarding-ready'));
      },
      () => this.#setStatus('The validation module could not be loaded; reload the page.', 'error'),
    );
  }

  /** The form's values, without the client secret (which only the submit event carries). */
  get value() {
    const { clientSecret, ...rest } = this.#config();
    return rest;
  }

  /** Prefills fields (the client secret can be set but is never read back). */
  set value(config) {
    if (!this.#sdk) { this.#pending = { ...this.#pending, ...config }; return; }
    for (const [name, v] of Object.entries(config ?? {})) {
      if (name === 'accessOption') this.#setOption(v);
      else if (this.#inputs[name]) {
        this.#inputs[name].value = v ?? '';
        if (v) this.#touched.add(name);
      }
    }
    this.#pending = null;
    this.#validate();
  }

  /** Validates everything as Save does and returns the `ValidationReport` (secret redacted). */
  validate() {
    return this.#sdk.validateConfig(this.#config());
  }

  /** Clears every field (the secret too) and every message. */
  reset() {
    this.#root.querySelector('form').reset();
    for (const f of ALL_FIELDS) this.#inputs[f.name].value = f.initial ?? '';
    this.#touched.clear();
    this.#submitted = false;
    this.#root.querySelector('.summary').hidden = true;
    this.#setOption('enterpriseApp');
    this.#lookupStatus('', '');
    this.#setStatus('', '');
  }

  #accessOption() {
    return this.#root.querySelector('input[name="accessOption"]:checked')?.value ?? 'enterpriseApp';
  }

  #setOption(option) {
    for (const radio of this.#root.querySelectorAll('input[name="accessOption"]')) radio.checked = radio.value === option;
    this.#syncOption();
  }

  /** The configuration as the core sees it: client fields only with Option 2. */
  #config() {
    const option = this.#accessOption();
    const config = { accessOption: option };
    for (const f of ALL_FIELDS) {
      if (f.customApp && option !== 'customApp') continue;
      const v = this.#inputs[f.name].value;
      if (v !== '') config[f.name] = v;
    }
    return config;
  }

  #render() {
    const id = (s) => `${this.#ids}-${s}`;
    const option = (value, title, text, checked) =>
      h('label', { class: 'option', part: 'option' },
        h('input', { type: 'radio', name: 'accessOption', value, checked, onchange: () => this.#syncOption(true) }),
        h('span', { class: 'title' }, title),
        h('span', { class: 'muted' }, text));
    const field = (f) => {
      const input = h('input', {
        id: id(f.name), name: f.name, type: f.secret ? 'password' : 'text', part: 'input',
        class: f.mono ? 'mono' : undefined, autocomplete: 'off', spellcheck: 'false',
        autocapitalize: 'off', 'aria-describedby': `${id(f.name)}-desc ${id(f.name)}-msg`,
        oninput: () => this.#onInput(f.name), onblur: () => this.#onBlur(f.name),
      });
      input.value = f.initial ?? '';
      this.#inputs[f.name] = input;
      const control = h('div', { class: 'control' }, input);
      if (f.secret) {
        const reveal = h('button', {
          type: 'button', class: 'reveal', part: 'reveal-button', 'aria-pressed': 'false',
          'aria-controls': id(f.name),
          onclick: () => {
            const show = input.type === 'password';
            input.type = show ? 'text' : 'password';
            reveal.setAttribute('aria-pressed', String(show));
            reveal.textContent = show ? 'Hide' : 'Show';
          },
        }, 'Show');
        reveal.setAttribute('aria-label', 'Show the client secret');
        control.append(reveal);
      }
      const messages = h('div', { class: 'messages', id: `${id(f.name)}-msg`, part: 'message' });
      this.#messages[f.name] = messages;
      const row = h('div', { class: 'field', part: `field field-${f.name}`, dataset: { field: f.name } },
        h('label', { class: 'label', for: id(f.name), part: 'label' }, f.label),
        h('p', { class: 'description', id: `${id(f.name)}-desc` }, f.description),
        control, messages);
      if (f.name === 'tenantId') {
        row.append(h('div', { class: 'lookup', hidden: true },
          h('button', { type: 'button', class: 'small', part: 'lookup-button', onclick: () => this.#lookup() }, 'Look up tenant ID'),
          h('span', { class: 'lookup-status', role: 'status' })));
      }
      this.#rows[f.name] = row;
      return row;
    };
    const form = h('form', { part: 'form', novalidate: true, 'aria-busy': 'true', onsubmit: (e) => this.#onSubmit(e) },
      h('div', { class: 'summary callout error', part: 'summary', tabindex: '-1', hidden: true, role: 'alert', 'aria-labelledby': id('summary') },
        h('h2', { id: id('summary') }), h('ul')),
      h('fieldset', { part: 'access-option' },
        h('legend', {}, 'Access option'),
        h('div', { class: 'options' },
          option('enterpriseApp', 'Option 1: Enterprise application',
            "Consent to the provider's enterprise application (recommended). No secret to manage.", true),
          option('customApp', 'Option 2: Custom application',
            'Your own app registration with a client secret (least privilege).', false))),
      FIELDS.map(field),
      h('details', { class: 'legacy', part: 'legacy' }, h('summary', {}, 'Legacy settings'), field(LEGACY)),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', part: 'submit' }, 'Save'),
        h('span', { class: 'status', role: 'status', id: id('status') })));
    this.#root.append(form);
    this.#syncOption();
  }

  #syncOption(changed = false) {
    const custom = this.#accessOption() === 'customApp';
    for (const f of FIELDS) if (f.customApp) this.#rows[f.name].hidden = !custom;
    if (changed) this.#validate();
  }

  #onInput(name) {
    this.#touched.add(name);
    this.#setStatus('', '');
    if (name === 'tenantId') this.#lookupStatus('', '');
    this.#validate();
  }

  #onBlur(name) {
    if (this.#inputs[name].value !== '' || this.#submitted) this.#touched.add(name);
    this.#validate();
  }

  /** Validates every field in the context of the others; shows issues of touched fields. */
  #validate() {
    if (!this.#sdk) return;
    const config = this.#config();
    const option = config.accessOption;
    for (const f of ALL_FIELDS) {
      if (f.customApp && option !== 'customApp') { this.#issues[f.name] = []; continue; }
      this.#issues[f.name] = this.#sdk.validateField(f.name, this.#inputs[f.name].value, config);
    }
    for (const f of ALL_FIELDS) this.#show(f.name);
    const shownErrors = this.#errors(true);
    this.#root.querySelector('[part="submit"]').disabled = shownErrors.length > 0;
    const status = this.#root.querySelector('.actions .status');
    if (shownErrors.length) this.#setStatus(`Fix ${plural(shownErrors.length, 'problem')} to save.`, '');
    else if (!status.classList.contains('success')) this.#setStatus('', '');
    if (this.#submitted) this.#updateSummary();
    const report = this.#sdk.validateConfig(config);
    this.dispatchEvent(new CustomEvent('onboarding-change', {
      detail: { valid: report.valid, issues: report.issues }, bubbles: true, composed: true,
    }));
  }

  #visible(name) {
    return this.#touched.has(name) || this.#submitted;
  }

  #errors(onlyVisible) {
    return ALL_FIELDS.flatMap((f) =>
      (onlyVisible && !this.#visible(f.name) ? [] : this.#issues[f.name] ?? [])
        .filter((i) => i.severity === 'error'));
  }

  #show(name) {
    const issues = this.#visible(name) ? this.#issues[name] ?? [] : [];
    const box = this.#messages[name];
    box.replaceChildren(...issues.map((i) => h('div', { class: `message ${i.severity}`, dataset: { code: i.code } },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, i.severity === 'error' ? '!' : 'i'),
      h('span', { class: 'text' }, h('span', { class: 'visually-hidden' }, i.severity === 'error' ? 'Error: ' : 'Warning: '), i.message),
      i.hint ? h('span', { class: 'hint' }, i.hint) : null)));
    const input = this.#inputs[name];
    if (issues.some((i) => i.severity === 'error')) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    if (name === 'tenantId') {
      const lookup = this.#rows.tenantId.querySelector('.lookup');
      const domain = (this.#issues.tenantId ?? []).some((i) => i.code === 'tenant-id-is-domain');
      const status = lookup.querySelector('.lookup-status');
      lookup.hidden = !domain && !status.textContent;
      lookup.querySelector('button').hidden = !domain;
    }
  }

  #updateSummary() {
    const summary = this.#root.querySelector('.summary');
    const errors = this.#errors(false);
    summary.hidden = errors.length === 0;
    summary.querySelector('h2').textContent = `Fix ${plural(errors.length, 'problem')} before saving`;
    summary.querySelector('ul').replaceChildren(...errors.map((i) => {
      const f = ALL_FIELDS.find((x) => x.name === i.field);
      return h('li', {}, h('a', {
        href: `#${this.#inputs[i.field].id}`,
        onclick: (e) => {
          e.preventDefault();
          if (i.field === LEGACY.name) this.#root.querySelector('details.legacy').open = true;
          this.#inputs[i.field].focus();
        },
      }, `${f.label}: ${i.message}`));
    }));
  }

  #onSubmit(event) {
    event.preventDefault();
    if (!this.#sdk) return;
    this.#submitted = true;
    this.#validate();
    const config = this.#config();
    const report = this.#sdk.validateConfig(config);
    if (!report.valid) {
      if (report.issues.some((i) => i.field === LEGACY.name && i.severity === 'error')) {
        this.#root.querySelector('details.legacy').open = true;
      }
      this.#updateSummary();
      this.#root.querySelector('.summary').focus();
      return;
    }
    this.#root.querySelector('.summary').hidden = true;
    // The one place the secret leaves the form: the event for the host to send.
    const detail = this.#sdk.normalizeConfig(config);
    this.dispatchEvent(new CustomEvent('onboarding-submit', { detail, bubbles: true, composed: true }));
    this.#setStatus('Configuration checked and submitted.', 'success');
  }

  #setStatus(text, kind) {
    const status = this.#root.querySelector('.actions .status');
    status.textContent = text;
    status.className = `status ${kind}`;
  }

  #lookupStatus(text, kind) {
    const status = this.#root.querySelector('.lookup-status');
    if (!status) return;
    status.textContent = text;
    status.className = `lookup-status ${kind}`;
    if (this.#sdk) this.#show('tenantId');
  }

  async #lookup() {
    const options = { allowLoopback: this.hasAttribute('allow-loopback-authority') };
    const authority = this.getAttribute('authority');
    if (authority) options.authority = authority;
    const input = this.#inputs.tenantId;
    const request = this.#sdk.tenantLookupRequest(input.value, options);
    if (request.result !== 'ready') return this.#lookupStatus(request.message, 'error');
    const button = this.#rows.tenantId.querySelector('[part="lookup-button"]');
    button.disabled = true;
    this.#lookupStatus('Looking up the tenant…', '');
    const timeout = Number(this.getAttribute('lookup-timeout')) || 10_000;
    let response;
    try {
      const res = await fetch(request.url, {
        credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(timeout),
      });
      response = { kind: 'response', status: res.status, body: await res.text() };
    } catch (err) {
      response = { kind: err?.name === 'TimeoutError' ? 'timeout' : 'offline' };
    }
    button.disabled = false;
    const outcome = this.#sdk.tenantLookupResult(response, options);
    if (outcome.result !== 'found') return this.#lookupStatus(outcome.message, 'error');
    input.value = outcome.tenantId;
    this.#touched.add('tenantId');
    this.#validate();
    const region = outcome.tenantRegionScope ? `, region ${outcome.tenantRegionScope}` : '';
    const other = outcome.cloud === 'global' ? '' : ' This procedure covers Microsoft Cloud only.';
    this.#lookupStatus(`Tenant ID filled in: ${outcome.cloudName}${region}.${other}`, outcome.cloud === 'global' ? 'success' : 'error');
    input.focus();
  }
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

if (!customElements.get('azure-onboarding-form')) customElements.define('azure-onboarding-form', AzureOnboardingForm);
