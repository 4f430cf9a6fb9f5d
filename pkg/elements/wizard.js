// <azure-onboarding-wizard>: the onboarding checklist of the core catalog, step by step,
// with the customer's own IDs filled into the az commands (by the core's `fillCommand`),
// the Step 5 form at the end and "Check my tenant" (check.js). API: see README.md in this folder.
//
// The checklist is shown as soon as the light module is there (catalog, validation); the
// commands are filled once the full module (`fillCommand`, assess, remediate) has loaded,
// which starts at once: until then they show their placeholders, as with no IDs typed.
//
// One source of truth for the customer's values: "Your IDs" and the form show the same
// tenant, access option and application ID, and the form is one element kept across pages,
// so nothing typed is lost by navigation.
import { loadFullSdk, loadSdk } from './sdk.js';
import { adoptStyles, copyButton, h, richText, uid } from './theme.js';
import { ACCESS_OPTIONS } from './form.js';
import { TenantCheck } from './check.js';
import { COLLECT_OPTIONS } from './collect.js';
import { wizardCss } from './wizard-styles.js';

/** The form's parts, exported from the wizard with a `form-` prefix (`::part(form-submit)`). */
const FORM_PARTS = ['form', 'summary', 'access-option', 'option', 'field', 'label', 'input', 'message',
  'reveal-button', 'lookup-button', 'legacy', 'submit',
  ...['tenantId', 'clientId', 'clientSecret', 'deviceName', 'location', 'useStorageAccountContributorRole'].map((f) => `field-${f}`)];
const PASSED_ON = ['theme', 'authority', 'allow-loopback-authority', 'lookup-timeout'];

export class AzureOnboardingWizard extends HTMLElement {
  static observedAttributes = PASSED_ON;

  #root;
  #sdk = null;
  /** The full build's namespace (command filling), once loaded. */
  #full = null;
  #ids = uid('aow');
  #catalog = null;
  #page = 0;
  #done = new Set();
  #inputs = {};
  #values = { accessOption: 'enterpriseApp', tenantId: '', applicationId: '', guestMail: '', subscriptions: '', resourceGroup: '', logStorageAccount: '' };
  #form = null;
  #check = new TenantCheck(this);
  #commands = new Set();
  #started = false;
  #ready;
  #resolveReady;
  #rejectReady;
  /** Optional override of the assessment: (plan, snapshot) => ReadinessReport (or a promise of one). */
  #assess = null;
  #tokenProvider = null;
  #collectOptions = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#root, wizardCss);
    this.#root.append(h('p', { class: 'muted', role: 'status' }, 'Loading the onboarding checklist…'));
    this.#ready = new Promise((resolve, reject) => { this.#resolveReady = resolve; this.#rejectReady = reject; });
    this.#ready.catch(() => {});
    this.#check.onPlan = (plan) => this.#fillFromPlan(plan);
    this.#check.onReport = (report) => this.#tickFromReport(report);
    // A host (a framework, a chunk loaded before this one) may set these before the element
    // is defined: an own property then hides the accessor. Taken through the setters.
    for (const prop of ['tokenProvider', 'collectOptions', 'assess', 'ids', 'step']) {
      if (Object.hasOwn(this, prop)) {
        const value = this[prop];
        delete this[prop];
        // A wrong type is reported, not thrown: a throw here would leave the element undefined.
        try { this[prop] = value; } catch (err) { reportError(err); }
      }
    }
  }

  connectedCallback() {
    if (this.#started) return;
    this.#started = true;
    this.#load();
  }

  /** Loads the modules; a failed load offers to try again (nothing typed is lost). */
  #load() {
    loadSdk().then(
      (sdk) => {
        this.#sdk = sdk;
        this.#catalog = sdk.catalog();
        this.#build();
        // Loaded, or failed (not loaded, or filling threw): `ready` settles either way.
        return loadFullSdk().then((full) => {
          this.#full = full;
          for (const update of this.#commands) update();
          this.#showIdProblems();
          this.#resolveReady(this);
          this.dispatchEvent(new Event('onboarding-ready', { bubbles: true, composed: true }));
        }).catch((err) => {
          const callout = h('p', { class: 'callout error', role: 'alert' },
            'The commands could not be filled with your IDs (a module did not load). ',
            h('button', {
              type: 'button',
              onclick: () => {
                callout.remove();
                loadFullSdk().then((full) => {
                  this.#full = full;
                  for (const update of this.#commands) update();
                  this.#showIdProblems();
                }, () => this.#root.prepend(callout));
              },
            }, 'Try again'));
          this.#root.prepend(callout);
          this.#rejectReady(err);
        });
      },
      (err) => {
        this.#root.replaceChildren(h('p', { class: 'callout error', role: 'alert' },
          'The onboarding module could not be loaded. ',
          h('button', { type: 'button', onclick: () => this.#retry() }, 'Try again')));
        this.#rejectReady(err);
      },
    );
  }

  /** After a failed load: a new `ready`, and the modules asked for again. */
  #retry() {
    this.#root.replaceChildren(h('p', { class: 'muted', role: 'status' }, 'Loading the onboarding checklist…'));
    this.#ready = new Promise((resolve, reject) => { this.#resolveReady = resolve; this.#rejectReady = reject; });
    this.#ready.catch(() => {});
    this.#load();
  }

  attributeChangedCallback(name, _old, value) {
    if (!this.#form) return;
    if (value === null) this.#form.removeAttribute(name);
    else this.#form.setAttribute(name, value);
  }

  /** Resolves (to the element) once the checklist is shown and its commands filled (the full build loaded): for a host that listens late. */
  get ready() { return this.#ready; }

  /**
   * The console's sign-in for "Collect from Azure now": `async (api) => accessToken`, called
   * with `'arm'` and `'graph'` (the `armToken` and `graphToken` of `collect`); null or
   * undefined leaves that API out. Only a property: a token never goes to an attribute.
   */
  get tokenProvider() { return this.#tokenProvider; }
  set tokenProvider(f) {
    if (f !== null && f !== undefined && typeof f !== 'function') {
      throw new TypeError('tokenProvider: expected a function (api) => Promise<string> or null');
    }
    this.#tokenProvider = f ?? null;
    this.#check.refresh();
  }

  /** The other options of `collect` (`authority`, `collectedAt`, `endpointsForTesting`); the tokens come from `tokenProvider`. */
  get collectOptions() { return this.#collectOptions; }
  set collectOptions(options) {
    if (options !== null && options !== undefined && (typeof options !== 'object' || Array.isArray(options))) {
      throw new TypeError('collectOptions: expected an object or null');
    }
    for (const key of Object.keys(options ?? {})) {
      if (!COLLECT_OPTIONS.includes(key)) {
        throw new TypeError(`collectOptions.${key}: not an option here (${COLLECT_OPTIONS.join(', ')}); the tokens come from tokenProvider`);
      }
    }
    this.#collectOptions = options ? { ...options } : null;
  }

  /** Replaces the package's `assess` for "Check my tenant" (a function, or null for the package's). */
  get assess() { return this.#assess; }
  set assess(f) {
    if (f !== null && f !== undefined && typeof f !== 'function') {
      throw new TypeError('assess: expected a function (plan, snapshot) => ReadinessReport (or a promise of one), or null');
    }
    this.#assess = f ?? null;
  }

  /** The page shown: 0 = "Before you start", …, the last = "Check my tenant". */
  get step() { return this.#page; }
  set step(n) {
    // Before the checklist is built: the page it opens on.
    if (!this.#catalog) { this.#page = pageIndex(n); return; }
    this.#go(n);
  }

  /** The IDs the commands are filled with. */
  get ids() {
    const v = this.#values;
    return {
      accessOption: v.accessOption || 'enterpriseApp',
      tenantId: v.tenantId.trim(), applicationId: v.applicationId.trim(),
      subscriptions: v.subscriptions.split(/[\s,;]+/).filter(Boolean),
      guestMail: v.guestMail.trim(), resourceGroup: v.resourceGroup.trim(), logStorageAccount: v.logStorageAccount.trim(),
    };
  }

  /** Prefills IDs (`{ tenantId, subscriptions: [] , … }`); the form follows. */
  set ids(ids) {
    this.#set(Object.fromEntries(Object.entries(ids ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join('\n') : String(v ?? '')])));
  }

  #pages() {
    return [...this.#catalog.steps.map((s) => ({ id: s.id, title: s.number === 0 ? s.title : s.title.replace(/^Step \d+: /, ''), number: s.number, step: s })),
      { id: 'check', title: 'Check my tenant', number: null }];
  }

  #applicable(req) {
    return !req.accessOption || req.accessOption === this.ids.accessOption;
  }

  #build() {
    const id = (s) => `${this.#ids}-${s}`;
    const nav = h('nav', { 'aria-label': 'Onboarding steps' },
      h('p', { class: 'progress-label', id: id('progress') }),
      h('progress', { max: '1', value: '0', 'aria-labelledby': id('progress') }),
      h('ol', {}, this.#pages().map((p, i) => h('li', {},
        h('button', { type: 'button', dataset: { page: String(i) }, onclick: () => this.#go(i, true) },
          h('span', {}, p.number === null ? p.title : p.number === 0 ? p.title : `${p.number}. ${p.title}`),
          h('span', { class: 'count', 'aria-hidden': 'true' }),
          h('span', { class: 'visually-hidden count-text' }))))));
    this.#form = h('azure-onboarding-form', {
      part: 'form', exportparts: FORM_PARTS.map((p) => `${p}: form-${p}`).join(', '),
    });
    for (const a of PASSED_ON) if (this.hasAttribute(a)) this.#form.setAttribute(a, this.getAttribute(a));
    this.#form.addEventListener('onboarding-change', () => this.#fromForm());
    this.#form.value = this.#formValues();
    // Not a <main>: the wizard sits inside the host's page, which has its own.
    const content = h('div', { class: 'content' }, this.#idsPanel(), h('div', { class: 'page' }));
    this.#root.replaceChildren(h('div', { class: 'layout', part: 'wizard' }, nav, content));
    this.#go(this.#reportFirst ? this.#pages().length - 1 : this.#page);
  }

  /** A report was given before the checklist was built: it opens on "Check my tenant". */
  #reportFirst = false;

  #idsPanel() {
    const id = (k) => `${this.#ids}-id-${k}`;
    const row = (key, label, control, { wide = false, note } = {}) => {
      control.id = id(key);
      control.setAttribute('aria-describedby', `${id(key)}-msg${note ? ` ${id(key)}-note` : ''}`);
      this.#inputs[key] = control;
      return h('div', { class: `id-field${wide ? ' wide' : ''}`, dataset: { input: key } },
        h('label', { for: id(key) }, label), control,
        note ? h('span', { class: 'note', id: `${id(key)}-note` }, note) : null,
        h('div', { class: 'id-messages', id: `${id(key)}-msg` }));
    };
    const option = h('select', { onchange: () => this.#set({ accessOption: option.value }) },
      ACCESS_OPTIONS.map(([value, title]) => h('option', { value }, title)));
    option.value = this.#values.accessOption;
    const inputs = this.#catalog.placeholders.filter((p) => p.input).map((p) => {
      const multiline = p.input === 'subscriptions';
      const control = h(multiline ? 'textarea' : 'input', {
        type: multiline ? undefined : 'text', rows: multiline ? '3' : undefined,
        // One ID or name (the package refuses a longer field); the subscriptions are a list.
        maxlength: multiline ? undefined : '4096',
        autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off',
        oninput: () => this.#set({ [p.input]: control.value }),
      });
      control.value = this.#values[p.input] ?? '';
      return row(p.input, p.label, control, { wide: multiline, note: sentence(p.meaning) });
    });
    const formOption = this.#catalog.form.find((f) => f.field === 'accessOption');
    return h('details', { class: 'ids', part: 'ids', open: true },
      h('summary', {}, 'Your IDs ', h('span', { class: 'muted ids-summary' })),
      h('div', { class: 'ids-grid' }, row('accessOption', formOption?.label ?? 'Access option', option), inputs));
  }

  /** Changes the customer's values (from "Your IDs", the form or a plan) and everything that shows them. */
  #set(changes) {
    const before = this.#values.accessOption;
    let any = false;
    for (const [k, v] of Object.entries(changes)) {
      if (!(k in this.#values) || this.#values[k] === v) continue;
      this.#values[k] = v;
      any = true;
      const input = this.#inputs[k];
      if (input && input.value !== v) input.value = v;
    }
    if (!any || !this.#catalog) return;
    if (this.#form) this.#form.value = this.#formValues();
    if (this.#values.accessOption !== before) this.#renderKeepingFocus();
    else for (const update of this.#commands) update();
    this.#showIdProblems();
    this.#updateProgress();
  }

  /** What the form shares with "Your IDs". */
  #formValues() {
    const v = this.#values;
    return { accessOption: v.accessOption, tenantId: v.tenantId, ...(v.accessOption === 'customApp' && { clientId: v.applicationId }) };
  }

  /** The form changed (typed, option switched): "Your IDs", commands and progress follow. */
  #fromForm() {
    const f = this.#form.value;
    const changes = { accessOption: f.accessOption ?? this.#values.accessOption, tenantId: f.tenantId ?? '' };
    // The client ID is the application ID with Option 2 (not in the event that switches to it).
    if (changes.accessOption === 'customApp' && this.#values.accessOption === 'customApp') changes.applicationId = f.clientId ?? '';
    this.#set(changes);
  }

  /** Shows under each "Your IDs" field why a value is not used in the commands (the core says why). */
  #showIdProblems() {
    if (!this.#full) return;
    const ids = this.ids;
    const problems = this.#full.checkCommandValues(ids);
    for (const key of Object.keys(this.#inputs)) {
      const mine = problems.filter((p) => p.input === key);
      const box = this.#root.querySelector(`[data-input="${key}"] .id-messages`);
      box.replaceChildren(...mine.map((p) => h('div', { class: 'id-message' },
        h('span', { class: 'visually-hidden' }, 'Error: '),
        // The entry's number, not its text: a wrong paste (a secret, a whole resource ID)
        // is not echoed into the page.
        p.index !== undefined ? `Entry ${p.index + 1}: ` : '',
        richText(p.message), ' Not used in the commands.')));
      if (mine.length) this.#inputs[key].setAttribute('aria-invalid', 'true');
      else this.#inputs[key].removeAttribute('aria-invalid');
    }
    this.#idProblems = problems;
  }

  #idProblems = [];

  #go(index, focus = false) {
    const pages = this.#pages();
    this.#page = Math.min(pageIndex(index), pages.length - 1);
    for (const b of this.#root.querySelectorAll('nav button')) {
      if (Number(b.dataset.page) === this.#page) b.setAttribute('aria-current', 'step');
      else b.removeAttribute('aria-current');
    }
    this.#root.querySelector('details.ids').open = this.#page === 0;
    this.#renderPage();
    this.#showIdProblems();
    this.#updateProgress();
    if (focus) this.#root.querySelector('.page h2')?.focus();
    this.dispatchEvent(new CustomEvent('onboarding-step', { detail: { step: this.#page, id: pages[this.#page].id }, bubbles: true, composed: true }));
  }

  /**
   * Renders the page again (an access option switched: other requirements apply) without
   * dropping a keyboard user's focus to the page: the control that had it, where it is still
   * there (the form is kept across renders), else the page's heading.
   */
  #renderKeepingFocus() {
    let focused = this.#root.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    this.#renderPage();
    if (!focused) return;
    if (focused.isConnected) focused.focus({ preventScroll: true });
    else this.#root.querySelector('.page h2')?.focus({ preventScroll: true });
  }

  #renderPage() {
    const pages = this.#pages();
    const page = pages[this.#page];
    const container = this.#root.querySelector('.page');
    this.#commands = new Set();
    const body = page.step ? this.#stepPage(page.step) : this.#check.page();
    const prev = this.#page > 0 ? h('button', { type: 'button', onclick: () => this.#go(this.#page - 1, true) }, `← ${pages[this.#page - 1].title}`) : h('span');
    const next = this.#page < pages.length - 1
      ? h('button', { type: 'button', class: 'primary', onclick: () => this.#go(this.#page + 1, true) }, `${pages[this.#page + 1].title} →`)
      : h('span');
    container.replaceChildren(...body, h('div', { class: 'pager' }, prev, next));
  }

  #stepPage(step) {
    const heading = h('h2', { tabindex: '-1' }, step.title);
    const cards = step.requirements.filter((r) => this.#applicable(r)).map((r) => this.#card(r));
    const out = [heading, h('p', { class: 'lead' }, step.summary), h('div', { class: 'cards' }, cards)];
    if (step.id === 'workbench-form') {
      out.push(h('section', { class: 'card form-card', 'aria-labelledby': `${this.#ids}-form-h` },
        h('h3', { id: `${this.#ids}-form-h` }, 'Workbench configuration'),
        h('p', { class: 'muted' }, 'Checked as you type; Save hands the configuration to Workbench. The tenant, access option and application ID are the ones in Your IDs.'),
        this.#form));
    }
    return out;
  }

  #card(req) {
    const done = this.#done.has(req.id);
    const checkbox = h('input', {
      type: 'checkbox', checked: done, 'aria-label': `Done: ${req.title}`,
      onchange: (e) => {
        if (e.target.checked) this.#done.add(req.id); else this.#done.delete(req.id);
        card.classList.toggle('done', e.target.checked);
        this.#updateProgress();
      },
    });
    const badges = [h('span', { class: `badge ${req.level}` }, req.level === 'required' ? 'Required' : 'Recommended')];
    if (req.accessOption) badges.push(h('span', { class: 'badge' }, req.accessOption === 'customApp' ? 'Option 2' : 'Option 1'));
    const notices = this.#catalog.notices.filter((n) => n.requirements.includes(req.id));
    const card = h('section', { class: `card${done ? ' done' : ''}`, part: 'requirement', dataset: { requirement: req.id } },
      h('div', { class: 'card-head' },
        h('div', {}, h('h3', {}, req.title), h('div', { class: 'badges' }, badges)),
        h('label', { class: 'done-toggle' }, checkbox, 'Done')),
      req.condition ? h('p', { class: 'muted' }, `${req.condition}.`) : null,
      h('p', {}, req.why),
      req.portal.length ? [h('h4', {}, 'In the portal'), h('ol', {}, req.portal.map((s) => h('li', {}, s)))] : null,
      req.cli ? [h('h4', {}, 'With the Azure CLI'), this.#command(req.cli, req.title)] : null,
      notices.map((n) => h('div', { class: 'callout info notice' }, h('strong', {}, n.title), n.today)));
    return card;
  }

  /** A command block whose text follows the IDs typed above (filled by the core). */
  #command(template, title) {
    const pre = h('pre', {});
    // Until the full build is there: the template as it is, every placeholder still to fill.
    const fill = (text) => (this.#full ? this.#full.fillCommand(text, this.ids)
      : { text, missing: [...new Set(Array.from(text.matchAll(/\{(\w+)\}/g), (m) => m[1]))], invalid: [] });
    const copy = copyButton(`the command: ${title}`, () => fill(template).text, { part: 'copy-button' });
    const help = h('div', { class: 'muted command-help' });
    const update = () => {
      const filled = fill(template);
      pre.replaceChildren(...marked(filled.text));
      help.replaceChildren(...filled.missing.map((name) => this.#placeholderHelp(name, filled.invalid)).filter(Boolean));
    };
    update();
    this.#commands.add(update);
    return h('div', { class: 'command' }, h('div', { class: 'command-head' }, h('span', {}, 'bash'), copy), pre, help);
  }

  /** What a placeholder left in a command stands for, and how to get it (from the catalog). */
  #placeholderHelp(name, invalid) {
    const p = this.#catalog.placeholders.find((x) => x.name === name);
    if (!p) return null;
    const where = p.input
      ? (invalid.includes(name) ? ` The value in Your IDs is not used: see the message under “${p.label}”.` : ` Type it in Your IDs (“${p.label}”).`)
      : '';
    const find = p.find && this.#full ? this.#full.fillCommand(p.find, this.ids).text : null;
    return h('div', {}, h('code', {}, `{${name}}`), `: ${p.meaning}.${where}`,
      find ? [' Find it with ', h('code', {}, find)] : null);
  }

  #updateProgress() {
    const pages = this.#pages();
    let total = 0;
    let done = 0;
    for (const [i, p] of pages.entries()) {
      const button = this.#root.querySelector(`nav button[data-page="${i}"]`);
      if (!p.step) continue;
      const reqs = p.step.requirements.filter((r) => this.#applicable(r));
      const d = reqs.filter((r) => this.#done.has(r.id)).length;
      total += reqs.length;
      done += d;
      const count = button.querySelector('.count');
      count.textContent = `${d}/${reqs.length}`;
      count.classList.toggle('done', d === reqs.length && reqs.length > 0);
      button.querySelector('.count-text').textContent = `, ${d} of ${reqs.length} done`;
    }
    const progress = this.#root.querySelector('nav progress');
    progress.max = total;
    progress.value = done;
    this.#root.querySelector('.progress-label').textContent =
      `Page ${this.#page + 1} of ${pages.length} · ${done} of ${total} checks done`;
    // Only values the commands use are summarized (the others are explained where typed).
    const ids = this.ids;
    const bad = (key) => this.#idProblems.some((p) => p.input === key && p.index === undefined);
    const badSubs = new Set(this.#idProblems.filter((p) => p.input === 'subscriptions').map((p) => p.index));
    const subs = new Set(ids.subscriptions.filter((_, i) => !badSubs.has(i)).map((s) => s.toLowerCase().replace(/[{}]/g, '')));
    const parts = [ids.tenantId && !bad('tenantId') && `tenant ${ids.tenantId.replace(/[{}]/g, '').slice(0, 8).toLowerCase()}…`,
      subs.size && `${subs.size} subscription${subs.size === 1 ? '' : 's'}`].filter(Boolean);
    this.#root.querySelector('.ids-summary').textContent = parts.length ? `(${parts.join(', ')})` : '(fill in to get ready-to-run commands)';
  }

  /** A plan loaded on "Check my tenant" fills the IDs the customer has not typed. */
  #fillFromPlan(plan) {
    const account = typeof plan?.logStorageAccount === 'string'
      ? /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Storage\/storageAccounts\/([^/]+)$/i.exec(plan.logStorageAccount) : null;
    const fromPlan = {
      accessOption: plan?.accessOption,
      tenantId: plan?.tenantId,
      applicationId: plan?.applicationId,
      guestMail: plan?.guestUser?.mail,
      subscriptions: Array.isArray(plan?.subscriptions) ? plan.subscriptions.filter((s) => typeof s === 'string').join('\n') : undefined,
      resourceGroup: account?.[1],
      logStorageAccount: account?.[2],
    };
    const changes = {};
    for (const [k, v] of Object.entries(fromPlan)) {
      if (typeof v !== 'string' || !v) continue;
      if (k === 'accessOption' ? v !== 'enterpriseApp' && v !== 'customApp' : this.#values[k]) continue;
      changes[k] = v;
    }
    this.#set(changes);
  }

  /** A report ticks the requirements of every step that passed as a whole. */
  #tickFromReport(report) {
    for (const st of report.steps ?? []) {
      if (st.status !== 'pass') continue;
      const step = this.#catalog.steps.find((s) => s.id === st.id);
      for (const r of step?.requirements ?? []) if (this.#applicable(r)) this.#done.add(r.id);
    }
    this.#updateProgress();
  }

  /** Shows a ReadinessReport (as `assess` returns it) on the "Check my tenant" page. */
  renderReport(report) {
    if (!this.#catalog) {
      // Before the checklist is built: it opens on "Check my tenant", with this report.
      this.#reportFirst = true;
      this.#check.render(report);
      return;
    }
    const last = this.#pages().length - 1;
    if (this.#page !== last) this.#go(last);
    this.#check.render(report);
  }
}

/** Command text with every `{placeholder}` left marked. */
function marked(text) {
  const nodes = [];
  let last = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    nodes.push(text.slice(last, m.index), h('mark', { class: 'placeholder' }, m[0]));
    last = m.index + m[0].length;
  }
  nodes.push(text.slice(last));
  return nodes;
}

/** A page number from a host's value: a whole number from 0 (1.5 is 1; not a number is 0). */
function pageIndex(n) {
  const i = Math.trunc(Number(n));
  return Number.isFinite(i) && i > 0 ? i : 0;
}

function sentence(s) {
  return s ? `${s[0].toUpperCase()}${s.slice(1)}.` : '';
}

if (!customElements.get('azure-onboarding-wizard')) customElements.define('azure-onboarding-wizard', AzureOnboardingWizard);
