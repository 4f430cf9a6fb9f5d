// <azure-onboarding-form>: the Workbench configuration form (Step 5), validated as the
// customer types by the wasm core. API: see README.md in this folder.
import { loadSdk } from './sdk.js';
import { adoptStyles, h, richText, uid } from './theme.js';

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

select { min-height: 2.4rem; padding: .4rem .6rem; border: 1px solid var(--ao-border); border-radius: var(--ao-radius); background: var(--ao-bg); max-width: 100%; }
.required { font-weight: 400; font-size: .8rem; color: var(--ao-muted); margin-left: .35rem; }
.loading { color: var(--ao-muted); margin: 0; }
.actions .status.error { color: var(--ao-error); font-weight: 600; }
button[aria-disabled="true"] { opacity: .55; cursor: not-allowed; }
`;

/** Presentation only; labels, descriptions and which fields are required come from the core's catalog. */
const MONO = new Set(['tenantId', 'clientId', 'clientSecret']);
/** The package's cap on a field's length (longer is refused as misuse, not validated). */
const MAX_CHARS = 4096;
const LEGACY = 'useStorageAccountContributorRole';
export const ACCESS_OPTIONS = [
  ['enterpriseApp', 'Option 1: Enterprise application', "Consent to the provider's enterprise application (recommended). No secret to manage."],
  ['customApp', 'Option 2: Custom application', 'Your own app registration with a client secret (least privilege).'],
];

export class AzureOnboardingForm extends HTMLElement {
  #sdk = null;
  #root;
  #ids = uid('aof');
  #fields = [];
  #inputs = {};
  #rows = {};
  #messages = {};
  #touched = new Set();
  #issues = {};
  #submitted = false;
  #pending = null;
  #started = false;
  /** '' | 'saving' | 'saved': Save does nothing more until an edit (or the host's answer). */
  #saveState = '';
  /** An edit made while the host was saving: Save is offered again once it answers. */
  #editedWhileSaving = false;
  #lookingUp = false;
  #ready;
  #resolveReady;
  #rejectReady;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open', delegatesFocus: true });
    adoptStyles(this.#root, css);
    this.#root.append(h('p', { class: 'loading', role: 'status' }, 'Loading the form…'));
    this.#ready = new Promise((resolve, reject) => { this.#resolveReady = resolve; this.#rejectReady = reject; });
    this.#ready.catch(() => {}); // a host that never asks is not an unhandled rejection
    // A host (a framework, a chunk loaded before this one) may have set `value` before the
    // element was defined: an own property then hides the accessor (and would hand the
    // secret back). Taken through the setter.
    if (Object.hasOwn(this, 'value')) {
      const value = this.value;
      delete this.value;
      // A wrong type is reported, not thrown: a throw here would leave the element undefined.
      try { this.value = value; } catch (err) { reportError(err); }
    }
  }

  connectedCallback() {
    if (this.#started) return;
    this.#started = true;
    this.#load();
  }

  /** Loads the module; a failed load offers to try again (with a new `ready`). */
  #load() {
    loadSdk().then(
      (sdk) => {
        this.#sdk = sdk;
        this.#render(sdk.formFields());
        // What a host set before the module loaded (reported, not thrown: `ready` must settle).
        if (this.#pending) {
          try { this.value = this.#pending; } catch (err) { this.#pending = null; reportError(err); }
        }
        this.#validate();
        this.#resolveReady(this);
        this.dispatchEvent(new Event('onboarding-ready', { bubbles: true, composed: true }));
      },
      (err) => {
        this.#root.replaceChildren(h('p', { class: 'callout error', role: 'alert' },
          'The validation module could not be loaded. ',
          h('button', {
            type: 'button',
            onclick: () => {
              this.#root.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Loading the form…'));
              this.#ready = new Promise((resolve, reject) => { this.#resolveReady = resolve; this.#rejectReady = reject; });
              this.#ready.catch(() => {});
              this.#load();
            },
          }, 'Try again')));
        this.#rejectReady(err);
      },
    );
  }

  /** Resolves (to the element) once the module is loaded and the fields are shown. */
  get ready() { return this.#ready; }

  /** The form's values, without the client secret (which only the submit event carries). */
  get value() {
    if (!this.#sdk) { const { clientSecret, ...rest } = this.#pending ?? {}; return rest; }
    const { clientSecret, ...rest } = this.#config();
    return rest;
  }

  /** Prefills fields (the client secret can be set but is never read back). */
  set value(config) {
    if (config !== null && config !== undefined && (typeof config !== 'object' || Array.isArray(config))) {
      throw new TypeError('value: expected an object of the form\'s fields ({ tenantId, clientId, … }) or null');
    }
    const option = config?.accessOption;
    if (option !== undefined && option !== null && option !== '' && !ACCESS_OPTIONS.some(([o]) => o === option)) {
      throw new TypeError(`value.accessOption: expected ${ACCESS_OPTIONS.map(([o]) => `'${o}'`).join(' or ')}`);
    }
    if (!this.#sdk) { this.#pending = { ...this.#pending, ...config }; return; }
    for (const [name, v] of Object.entries(config ?? {})) {
      const input = this.#inputs[name];
      if (input?.tagName === 'SELECT' && v && ![...input.options].some((o) => o.value === v)) {
        throw new TypeError(`value.${name}: expected one of ${[...input.options].map((o) => `'${o.value}'`).join(', ')}`);
      }
    }
    let changed = false;
    for (const [name, v] of Object.entries(config ?? {})) {
      if (name === 'accessOption') {
        if (v && v !== this.#accessOption()) { this.#setOption(v); changed = true; }
      } else if (this.#inputs[name]) {
        const input = this.#inputs[name];
        // A value is cut where typing stops (the field's maxlength): the package refuses longer
        // ones. A choice (the location) is never cleared: the form has no empty choice.
        const text = input.tagName === 'SELECT' && !v ? input.value
          : v === null || v === undefined ? '' : String(v).slice(0, MAX_CHARS);
        if (input.value === text) continue;
        input.value = text;
        if (v) this.#touched.add(name);
        changed = true;
      }
    }
    this.#pending = null;
    if (changed) this.#edited();
    this.#validate();
  }

  /** Validates everything as Save does and returns the `ValidationReport` (secret redacted). */
  validate() {
    if (!this.#sdk) throw new Error('azure-onboarding-form: validate() before the form is ready (await form.ready)');
    return this.#sdk.validateConfig(this.#config());
  }

  /** Clears every field (the secret too, hidden again) and every message. */
  reset() {
    if (!this.#sdk) { this.#pending = null; return; }
    this.#root.querySelector('form').reset();
    for (const f of this.#fields) this.#inputs[f.field].value = f.choices?.[0] ?? '';
    this.#reveal(false);
    this.#touched.clear();
    this.#trimmed.clear();
    this.#submitted = false;
    this.#root.querySelector('.summary').hidden = true;
    this.#setOption('enterpriseApp');
    this.#lookupStatus('', '');
    this.#edited();
    this.#setStatus('', '');
    this.#validate();
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
    for (const f of this.#fields) {
      if (f.accessOption && f.accessOption !== option) continue;
      const v = this.#inputs[f.field].value;
      if (v !== '') config[f.field] = v;
    }
    return config;
  }

  #render(catalogFields) {
    const id = (s) => `${this.#ids}-${s}`;
    this.#fields = catalogFields.filter((f) => f.field !== 'accessOption');
    const optionField = catalogFields.find((f) => f.field === 'accessOption');
    const option = ([value, title, text], i) =>
      h('label', { class: 'option', part: 'option' },
        h('input', { type: 'radio', name: 'accessOption', value, checked: i === 0, onchange: () => this.#syncOption(true) }),
        h('span', { class: 'title' }, title),
        h('span', { class: 'muted' }, text));
    const field = (f) => {
      const name = f.field;
      const describedBy = `${id(name)}-desc ${id(name)}-msg`;
      const common = {
        id: id(name), name, part: 'input', 'aria-describedby': describedBy,
        'aria-required': f.required ? 'true' : undefined,
        oninput: () => this.#onInput(name), onblur: () => this.#onBlur(name),
      };
      const input = f.choices
        ? h('select', { ...common, onchange: () => this.#onInput(name) }, f.choices.map((c) => h('option', { value: c }, c)))
        : h('input', {
          ...common, type: name === 'clientSecret' ? 'password' : 'text', class: MONO.has(name) ? 'mono' : undefined,
          autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off',
          // The package refuses longer fields (misuse): a paste is cut here instead.
          maxlength: String(MAX_CHARS),
        });
      this.#inputs[name] = input;
      const control = h('div', { class: 'control' }, input);
      if (name === 'clientSecret') {
        const reveal = h('button', {
          type: 'button', class: 'reveal', part: 'reveal-button', 'aria-controls': id(name),
          onclick: () => this.#reveal(input.type === 'password'),
        }, h('span', { class: 'word' }, 'Show'), h('span', { class: 'visually-hidden' }, ' the client secret'));
        control.append(reveal);
      }
      const messages = h('div', { class: 'messages', id: `${id(name)}-msg`, part: 'message' });
      this.#messages[name] = messages;
      const row = h('div', { class: 'field', part: `field field-${name}`, dataset: { field: name } },
        h('label', { class: 'label', for: id(name), part: 'label' }, f.label,
          f.required ? h('span', { class: 'required' }, f.accessOption ? '(required with Option 2)' : '(required)') : null),
        h('p', { class: 'description', id: `${id(name)}-desc` }, richText(f.description)),
        control, messages);
      if (name === 'tenantId') {
        row.append(h('div', { class: 'lookup', hidden: true },
          h('button', { type: 'button', class: 'small', part: 'lookup-button', onclick: () => this.#lookup() }, 'Look up tenant ID'),
          h('span', { class: 'lookup-status', role: 'status' })));
      }
      this.#rows[name] = row;
      return row;
    };
    const form = h('form', { part: 'form', novalidate: true, onsubmit: (e) => this.#onSubmit(e) },
      h('div', { class: 'summary callout error', part: 'summary', tabindex: '-1', hidden: true, role: 'alert', 'aria-labelledby': id('summary') },
        h('h2', { id: id('summary') }), h('ul')),
      h('fieldset', { part: 'access-option', 'aria-describedby': id('option-desc') },
        h('legend', {}, optionField?.label ?? 'Access option'),
        h('p', { class: 'visually-hidden', id: id('option-desc') }, optionField?.description ?? ''),
        h('div', { class: 'options' }, ACCESS_OPTIONS.map(option))),
      this.#fields.filter((f) => f.field !== LEGACY).map(field),
      h('details', { class: 'legacy', part: 'legacy' }, h('summary', {}, 'Legacy settings'),
        this.#fields.filter((f) => f.field === LEGACY).map(field)),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', part: 'submit' }, 'Save'),
        h('span', { class: 'status', role: 'status', id: id('status') })));
    this.#root.replaceChildren(form);
    this.#syncOption();
  }

  #reveal(show) {
    const input = this.#inputs.clientSecret;
    if (!input) return;
    input.type = show ? 'text' : 'password';
    const word = this.#root.querySelector('[part="reveal-button"] .word');
    if (word) word.textContent = show ? 'Hide' : 'Show';
  }

  #syncOption(changed = false) {
    const option = this.#accessOption();
    for (const f of this.#fields) if (f.accessOption) this.#rows[f.field].hidden = f.accessOption !== option;
    if (changed) {
      this.#edited();
      this.#validate();
    }
  }

  /** Any edit makes Save available again (after a save, or a refused one). */
  #edited() {
    if (this.#saveState === 'saving') { this.#editedWhileSaving = true; return; }
    this.#saveState = '';
    const save = this.#root.querySelector('[part="submit"]');
    if (save) { save.removeAttribute('aria-disabled'); save.textContent = 'Save'; }
    const status = this.#root.querySelector('.actions .status');
    if (status?.classList.contains('success') || status?.classList.contains('error')) this.#setStatus('', '');
  }

  #onInput(name) {
    this.#touched.add(name);
    this.#trimmed.delete(name);
    this.#edited();
    if (name === 'tenantId') this.#lookupStatus('', '');
    this.#validate();
  }

  #onBlur(name) {
    const input = this.#inputs[name];
    // What the core trims (spaces, quotes, braces) is trimmed in the field too, so the field
    // shows what is saved; the core's note that it did so stays (same place, no layout jump).
    const trimmed = (this.#issues[name] ?? []).find((i) => i.code === 'trimmed');
    if (trimmed && this.#sdk && input.tagName === 'INPUT') {
      const clean = this.#sdk.normalizeConfig(this.#config())[name];
      if (typeof clean === 'string') {
        input.value = clean;
        this.#trimmed.set(name, trimmed);
      }
    }
    if (input.value !== '' || this.#submitted) this.#touched.add(name);
    this.#validate();
  }

  /** Notes of the core's "trimmed" warning for fields trimmed on blur, until typed in again. */
  #trimmed = new Map();

  /** Validates every field in the context of the others; shows issues of touched fields. */
  #validate() {
    if (!this.#sdk) return;
    const config = this.#config();
    const option = config.accessOption;
    for (const f of this.#fields) {
      if (f.accessOption && f.accessOption !== option) { this.#issues[f.field] = []; continue; }
      const issues = this.#sdk.validateField(f.field, this.#inputs[f.field].value, config);
      const note = this.#trimmed.get(f.field);
      this.#issues[f.field] = note && !issues.some((i) => i.code === 'trimmed') ? [note, ...issues] : issues;
    }
    for (const f of this.#fields) this.#show(f.field);
    const shownErrors = this.#errors(true);
    const status = this.#root.querySelector('.actions .status');
    if (shownErrors.length) this.#setStatus(`Fix ${plural(shownErrors.length, 'problem')} to save.`, '');
    else if (!status.classList.contains('success') && !status.classList.contains('error') && this.#saveState !== 'saving') this.#setStatus('', '');
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
    return this.#fields.flatMap((f) =>
      (onlyVisible && !this.#visible(f.field) ? [] : this.#issues[f.field] ?? [])
        .filter((i) => i.severity === 'error'));
  }

  #show(name) {
    const issues = this.#visible(name) ? this.#issues[name] ?? [] : [];
    const box = this.#messages[name];
    box.replaceChildren(...issues.map((i) => h('div', { class: `message ${i.severity}`, dataset: { code: i.code } },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, i.severity === 'error' ? '!' : 'i'),
      h('span', { class: 'text' }, h('span', { class: 'visually-hidden' }, i.severity === 'error' ? 'Error: ' : 'Warning: '), richText(i.message)),
      i.hint ? h('span', { class: 'hint' }, richText(i.hint)) : null)));
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
      const f = this.#fields.find((x) => x.field === i.field);
      return h('li', {}, h('a', {
        href: `#${this.#inputs[i.field].id}`,
        onclick: (e) => {
          e.preventDefault();
          if (i.field === LEGACY) this.#root.querySelector('details.legacy').open = true;
          this.#inputs[i.field].focus();
        },
      }, `${f?.label ?? i.field}: ${i.message.replaceAll('`', '')}`));
    }));
  }

  #onSubmit(event) {
    event.preventDefault();
    // Saved already (until an edit) or waiting for the host's answer: nothing more to send.
    if (!this.#sdk || this.#saveState) return;
    this.#submitted = true;
    this.#validate();
    const config = this.#config();
    const report = this.#sdk.validateConfig(config);
    if (!report.valid) {
      if (report.issues.some((i) => i.field === LEGACY && i.severity === 'error')) {
        this.#root.querySelector('details.legacy').open = true;
      }
      this.#updateSummary();
      this.#root.querySelector('.summary').focus();
      return;
    }
    this.#root.querySelector('.summary').hidden = true;
    // The one place the secret leaves the form: the event for the host to send. The host
    // answers with `event.respondWith(promise)`: the promise's string is the message shown,
    // a rejection's message the error shown. The form claims nothing the host did not say.
    let answer = null;
    const detail = this.#sdk.normalizeConfig(config);
    const submit = new CustomEvent('onboarding-submit', { detail, bubbles: true, composed: true, cancelable: true });
    Object.defineProperty(submit, 'respondWith', {
      value: (promise) => { answer = Promise.resolve(promise); },
    });
    this.dispatchEvent(submit);
    if (submit.defaultPrevented && !answer) return;
    const save = this.#root.querySelector('[part="submit"]');
    save.setAttribute('aria-disabled', 'true');
    if (!answer) {
      this.#saveState = 'saved';
      this.#setStatus('Configuration checked and handed to the page.', '');
      return;
    }
    this.#saveState = 'saving';
    this.#editedWhileSaving = false;
    save.textContent = 'Saving…';
    this.#setStatus('Saving…', '');
    answer.then(
      (message) => {
        const said = typeof message === 'string' && message ? message : 'Saved.';
        if (this.#editedWhileSaving) {
          // What was saved is not what the form shows now: Save is offered again.
          this.#saveState = '';
          save.removeAttribute('aria-disabled');
          save.textContent = 'Save';
          this.#setStatus(`${said} Your changes made while saving are not saved yet: save again.`, '');
          return;
        }
        this.#saveState = 'saved';
        save.textContent = 'Saved';
        this.#setStatus(said, 'success');
      },
      (err) => {
        this.#saveState = '';
        save.removeAttribute('aria-disabled');
        save.textContent = 'Save';
        this.#setStatus(`Not saved: ${err?.message ?? err ?? 'the page refused the configuration'}`, 'error');
      },
    );
  }

  #setStatus(text, kind) {
    const status = this.#root.querySelector('.actions .status');
    if (!status) return;
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
    if (this.#lookingUp) return;
    const options = { allowLoopback: this.hasAttribute('allow-loopback-authority') };
    const authority = this.getAttribute('authority');
    if (authority) options.authority = authority;
    const input = this.#inputs.tenantId;
    const request = this.#sdk.tenantLookupRequest(input.value, options);
    if (request.result !== 'ready') return this.#lookupStatus(request.message, 'error');
    const button = this.#rows.tenantId.querySelector('[part="lookup-button"]');
    // Not `disabled`: a focused button that disables itself drops the focus to the page.
    this.#lookingUp = true;
    button.setAttribute('aria-disabled', 'true');
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
    this.#lookingUp = false;
    button.removeAttribute('aria-disabled');
    const outcome = this.#sdk.tenantLookupResult(response, options);
    if (outcome.result !== 'found') return this.#lookupStatus(outcome.message, 'error');
    input.value = outcome.tenantId;
    this.#touched.add('tenantId');
    this.#edited();
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
