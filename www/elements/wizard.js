// <azure-onboarding-wizard>: the onboarding checklist of the core catalog, step by step,
// with the customer's own IDs filled into the az commands, the Step 5 form at the end and
// "Check my tenant" (readiness report from a snapshot). API: see www/README.md.
import { loadSdk } from './sdk.js';
import { adoptStyles, copyText, h, uid } from './theme.js';
import './form.js';

const css = `
.layout { display: grid; grid-template-columns: 15rem 1fr; gap: 2rem; align-items: start; }
@media (max-width: 760px) { .layout { grid-template-columns: 1fr; gap: 1rem; } }
nav { position: sticky; top: 1rem; }
.progress-label { font-size: .875rem; color: var(--ao-muted); margin: 0 0 .35rem; }
progress { width: 100%; height: .5rem; appearance: none; border: 0; border-radius: 99px; background: var(--ao-border-subtle); overflow: hidden; }
progress::-webkit-progress-bar { background: var(--ao-border-subtle); border-radius: 99px; }
progress::-webkit-progress-value { background: var(--ao-accent); border-radius: 99px; }
progress::-moz-progress-bar { background: var(--ao-accent); }
nav ol { list-style: none; margin: 1rem 0 0; padding: 0; display: grid; gap: .15rem; }
nav button {
  width: 100%; justify-content: space-between; text-align: left; border-color: transparent; background: transparent;
  font-weight: 500; padding: .4rem .6rem;
}
nav button[aria-current="step"] { background: var(--ao-accent-subtle); border-color: var(--ao-accent); color: var(--ao-fg); }
nav .count { font-size: .8rem; color: var(--ao-muted); font-variant-numeric: tabular-nums; }
nav .count.done { color: var(--ao-success); font-weight: 600; }
main { min-width: 0; }
h2 { font-size: 1.35rem; margin: 0 0 .3rem; line-height: 1.3; }
h3 { font-size: 1.05rem; margin: 0; line-height: 1.35; }
h4 { font-size: .8rem; margin: .8rem 0 .3rem; text-transform: uppercase; letter-spacing: .04em; color: var(--ao-muted); }
.lead { margin: 0 0 1.2rem; color: var(--ao-muted); }
details.ids { border: 1px solid var(--ao-border-subtle); border-radius: var(--ao-radius); margin-bottom: 1.4rem; background: var(--ao-surface); }
details.ids > summary { padding: .6rem .9rem; cursor: pointer; font-weight: 600; }
details.ids > summary .muted { font-weight: 400; font-size: .9rem; }
.ids-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: .8rem 1rem; padding: 0 .9rem .9rem; }
.id-field { display: grid; gap: .2rem; align-content: start; }
.id-field label { font-size: .875rem; font-weight: 600; }
.ids-grid .wide { grid-column: 1 / -1; }
.ids-grid input, .ids-grid textarea, .ids-grid select {
  min-height: 2.2rem; padding: .35rem .55rem; font-weight: 400; font-family: var(--ao-mono); font-size: .88rem;
  border: 1px solid var(--ao-border); border-radius: var(--ao-radius); background: var(--ao-bg);
}
.ids-grid select { font-family: inherit; font-size: .95rem; }
.ids-grid .note { font-weight: 400; color: var(--ao-muted); font-size: .8rem; }
.cards { display: grid; gap: 1rem; }
.card { border: 1px solid var(--ao-border-subtle); border-radius: var(--ao-radius); padding: 1rem 1.1rem; background: var(--ao-bg); }
.card.done { border-color: var(--ao-success); }
.card-head { display: flex; gap: .8rem; align-items: flex-start; justify-content: space-between; }
.badges { display: flex; gap: .35rem; flex-wrap: wrap; margin-top: .35rem; }
.badge { font-size: .75rem; font-weight: 600; padding: .05rem .5rem; border-radius: 99px; border: 1px solid var(--ao-border-subtle); color: var(--ao-muted); white-space: nowrap; }
.badge.required { color: var(--ao-accent); border-color: var(--ao-accent); }
.done-toggle { display: inline-flex; gap: .4rem; align-items: center; font-size: .9rem; white-space: nowrap; cursor: pointer; }
.done-toggle input { width: 1.05rem; height: 1.05rem; accent-color: var(--ao-success); }
.card p { margin: .4rem 0 0; }
.card ol { margin: 0; padding-left: 1.3rem; }
.command { display: grid; gap: .3rem; margin-top: .4rem; }
.command-head { display: flex; justify-content: space-between; align-items: center; gap: .5rem; font-size: .8rem; color: var(--ao-muted); }
mark.placeholder { background: var(--ao-warning-bg); color: var(--ao-warning); border-radius: 3px; padding: 0 .15em; }
.notice { margin-top: .8rem; font-size: .9rem; }
.notice strong { display: block; }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 1.6rem; padding-top: 1rem; border-top: 1px solid var(--ao-border-subtle); }
.form-card { margin-top: 1.2rem; }
.drop {
  display: grid; gap: .5rem; justify-items: center; text-align: center; padding: 1.6rem 1rem;
  border: 2px dashed var(--ao-border); border-radius: var(--ao-radius); background: var(--ao-surface);
}
.drop.over { border-color: var(--ao-accent); background: var(--ao-accent-subtle); }
.drop .files { font-size: .9rem; color: var(--ao-muted); }
.drop-actions { display: flex; gap: .6rem; flex-wrap: wrap; justify-content: center; }
.report { display: grid; gap: 1rem; margin-top: 1.2rem; }
.verdict { display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; align-items: center; justify-content: space-between; }
.verdict h3 { font-size: 1.1rem; }
.chips { display: flex; gap: .4rem; flex-wrap: wrap; }
.downloads { display: flex; gap: .4rem; flex-wrap: wrap; }
.status { display: inline-flex; align-items: center; gap: .3rem; font-size: .8rem; font-weight: 700; padding: .1rem .55rem; border-radius: 99px; border: 1px solid; white-space: nowrap; }
.status.pass { color: var(--ao-success); background: var(--ao-success-bg); }
.status.fail { color: var(--ao-error); background: var(--ao-error-bg); }
.status.warn { color: var(--ao-warning); background: var(--ao-warning-bg); }
.status.unknown { color: var(--ao-muted); background: var(--ao-surface); }
details.step-report { border: 1px solid var(--ao-border-subtle); border-radius: var(--ao-radius); }
details.step-report > summary { display: flex; gap: .8rem; align-items: center; justify-content: space-between; padding: .7rem 1rem; cursor: pointer; font-weight: 600; }
details.step-report > ul { list-style: none; margin: 0; padding: 0 1rem 1rem; display: grid; gap: .8rem; }
.finding { border-top: 1px solid var(--ao-border-subtle); padding-top: .8rem; display: grid; gap: .3rem; }
.finding-head { display: flex; gap: .6rem; align-items: baseline; }
.finding .resource { font-family: var(--ao-mono); font-size: .8rem; color: var(--ao-muted); word-break: break-all; }
.finding .fix { font-size: .92rem; }
`;

const PLACEHOLDER_HELP = {
  spObjectId: "the object ID of the application's service principal: az ad sp show --id <application ID> --query id --output tsv",
  guestObjectId: "the guest analyst's object ID: az ad user list --filter \"mail eq '<e-mail>'\" --query [0].id --output tsv",
  storageAccountId: 'the resource ID of each storage account to monitor: az storage account list --query [].id --output tsv',
  egressIp: "the provider's egress IP addresses",
};

const STATUS_TEXT = { pass: 'Pass', fail: 'Fail', warn: 'Warning', unknown: 'Unknown' };

export class AzureOnboardingWizard extends HTMLElement {
  #root;
  #sdk = null;
  #ids = uid('aow');
  #catalog = null;
  #page = 0;
  #done = new Set();
  #inputs = {};
  #files = { plan: null, snapshot: null };
  /** Optional override of the assessment: (plan, snapshot) => ReadinessReport. */
  assess = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#root, css);
    this.#root.append(h('p', { class: 'muted', role: 'status' }, 'Loading the onboarding checklist…'));
  }

  connectedCallback() {
    if (this.#sdk) return;
    loadSdk().then(
      (sdk) => {
        this.#sdk = sdk;
        this.#catalog = sdk.catalog();
        this.#build();
        this.dispatchEvent(new Event('onboarding-ready'));
      },
      () => this.#root.replaceChildren(h('p', { class: 'callout error', role: 'alert' },
        'The onboarding module could not be loaded; reload the page.')),
    );
  }

  /** The page shown: 0 = "Before you start", …, the last = "Check my tenant". */
  get step() { return this.#page; }
  set step(n) { this.#go(n); }

  /** The IDs the commands are filled with. */
  get ids() {
    const v = (k) => this.#inputs[k]?.value.trim() ?? '';
    return {
      accessOption: v('accessOption') || 'enterpriseApp',
      tenantId: v('tenantId'), applicationId: v('applicationId'),
      subscriptions: v('subscriptions').split(/[\s,;]+/).filter(Boolean),
      guestMail: v('guestMail'), resourceGroup: v('resourceGroup'), logStorageAccount: v('logStorageAccount'),
    };
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
          h('span', { class: 'count' }))))));
    const ids = this.#idsPanel();
    const main = h('main', { tabindex: '-1', 'aria-live': 'off' }, ids, h('div', { class: 'page' }));
    this.#root.replaceChildren(h('div', { class: 'layout', part: 'wizard' }, nav, main));
    this.#go(0);
  }

  #idsPanel() {
    const id = (k) => `${this.#ids}-id-${k}`;
    const row = (key, label, control, attrs = {}, note) => {
      control.id = id(key);
      if (note) control.setAttribute('aria-describedby', `${id(key)}-note`);
      this.#inputs[key] = control;
      return h('div', { class: `id-field${attrs.wide ? ' wide' : ''}` },
        h('label', { for: id(key) }, label), control,
        note ? h('span', { class: 'note', id: `${id(key)}-note` }, note) : null);
    };
    const input = (key, label, attrs = {}, note) => row(key, label, h(attrs.multiline ? 'textarea' : 'input', {
      type: attrs.multiline ? undefined : 'text', rows: attrs.multiline ? '2' : undefined,
      autocomplete: 'off', spellcheck: 'false', placeholder: attrs.placeholder,
      oninput: () => this.#refresh(),
    }), attrs, note);
    const option = h('select', { onchange: () => this.#refresh(true) },
      h('option', { value: 'enterpriseApp' }, 'Option 1: Enterprise application'),
      h('option', { value: 'customApp' }, 'Option 2: Custom application'));
    return h('details', { class: 'ids', part: 'ids', open: true },
      h('summary', {}, 'Your IDs ', h('span', { class: 'muted ids-summary' })),
      h('div', { class: 'ids-grid' },
        row('accessOption', 'Access option', option),
        input('tenantId', 'Directory (tenant) ID', { placeholder: '00000000-0000-0000-0000-000000000000' }),
        input('applicationId', 'Application (client) ID', { placeholder: '00000000-0000-0000-0000-000000000000' },
          'Your app (Option 2) or the provider’s enterprise app (Option 1)'),
        input('guestMail', 'Guest analyst e-mail', { placeholder: 'analyst@provider.example' }),
        input('subscriptions', 'Subscription IDs', { multiline: true, wide: true, placeholder: 'One per line' },
          'Every subscription Workbench monitors'),
        input('resourceGroup', 'Resource group of the log storage account', { placeholder: 'rg-security-logs' }),
        input('logStorageAccount', 'Log storage account name', { placeholder: 'wblogs001' })));
  }

  #go(index, focus = false) {
    const pages = this.#pages();
    this.#page = Math.max(0, Math.min(index, pages.length - 1));
    for (const b of this.#root.querySelectorAll('nav button')) {
      if (Number(b.dataset.page) === this.#page) b.setAttribute('aria-current', 'step');
      else b.removeAttribute('aria-current');
    }
    this.#root.querySelector('details.ids').open = this.#page === 0;
    this.#renderPage();
    this.#updateProgress();
    if (focus) this.#root.querySelector('.page h2')?.focus();
    this.dispatchEvent(new CustomEvent('onboarding-step', { detail: { step: this.#page, id: pages[this.#page].id } }));
  }

  #refresh(optionChanged = false) {
    if (optionChanged) this.#renderPage();
    else {
      for (const update of this.#commands.values()) update();
    }
    const form = this.#root.querySelector('azure-onboarding-form');
    if (form && optionChanged) form.value = { accessOption: this.ids.accessOption };
    this.#updateProgress();
  }

  #commands = new Map();

  #renderPage() {
    const pages = this.#pages();
    const page = pages[this.#page];
    const container = this.#root.querySelector('.page');
    this.#commands = new Map();
    const body = page.step ? this.#stepPage(page.step) : this.#checkPage();
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
      const form = h('azure-onboarding-form', { part: 'form' });
      const ids = this.ids;
      form.value = { accessOption: ids.accessOption, ...(ids.tenantId && { tenantId: ids.tenantId }), ...(ids.accessOption === 'customApp' && ids.applicationId && { clientId: ids.applicationId }) };
      for (const a of ['authority', 'allow-loopback-authority', 'lookup-timeout', 'theme']) {
        if (this.hasAttribute(a)) form.setAttribute(a, this.getAttribute(a));
      }
      out.push(h('section', { class: 'card form-card', 'aria-labelledby': `${this.#ids}-form-h` },
        h('h3', { id: `${this.#ids}-form-h` }, 'Workbench configuration'),
        h('p', { class: 'muted' }, 'Checked as you type; Save hands the configuration to Workbench.'), form));
    }
    return out;
  }

  #card(req) {
    const done = this.#done.has(req.id);
    const checkbox = h('input', {
      type: 'checkbox', checked: done,
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
      req.cli ? [h('h4', {}, 'With the Azure CLI'), this.#command(req.cli)] : null,
      notices.map((n) => h('div', { class: 'callout info notice' }, h('strong', {}, n.title), n.today)));
    return card;
  }

  /** A command block whose text follows the IDs typed above. */
  #command(template) {
    const pre = h('pre', {});
    const copy = h('button', {
      type: 'button', class: 'small', part: 'copy-button',
      onclick: () => copyText(copy, this.#fill(template).text),
    }, 'Copy');
    copy.setAttribute('aria-label', 'Copy the command');
    const help = h('div', { class: 'muted', style: 'font-size:.85rem' });
    const update = () => {
      const filled = this.#fill(template);
      pre.replaceChildren(...filled.nodes);
      const missing = filled.missing.filter((m) => PLACEHOLDER_HELP[m]);
      help.replaceChildren(...missing.map((m) => h('div', {}, h('code', {}, `{${m}}`), `: ${PLACEHOLDER_HELP[m]}`)));
    };
    update();
    this.#commands.set(pre, update);
    return h('div', { class: 'command' }, h('div', { class: 'command-head' }, h('span', {}, 'bash'), copy), pre, help);
  }

  /** Fills a catalog command template with the IDs (the core's `fillCommand`: one line per
   * subscription / Defender plan, only well-formed values, shell-quoted where needed). */
  #fill(template) {
    // The light build has no fillCommand: the templates are then shown as they are.
    const { text, missing } = this.#sdk.fillCommand?.(template, this.ids)
      ?? { text: template, missing: [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))] };
    const nodes = [];
    let last = 0;
    for (const m of text.matchAll(/\{(\w+)\}/g)) {
      nodes.push(text.slice(last, m.index), h('mark', { class: 'placeholder' }, m[0]));
      last = m.index + m[0].length;
    }
    nodes.push(text.slice(last));
    return { text, nodes, missing };
  }

  #updateProgress() {
    const pages = this.#pages();
    let total = 0;
    let done = 0;
    for (const [i, p] of pages.entries()) {
      const button = this.#root.querySelector(`nav button[data-page="${i}"] .count`);
      if (!p.step) continue;
      const reqs = p.step.requirements.filter((r) => this.#applicable(r));
      const d = reqs.filter((r) => this.#done.has(r.id)).length;
      total += reqs.length;
      done += d;
      button.textContent = `${d}/${reqs.length}`;
      button.classList.toggle('done', d === reqs.length && reqs.length > 0);
      button.setAttribute('aria-label', `${d} of ${reqs.length} done`);
    }
    const progress = this.#root.querySelector('nav progress');
    progress.max = total;
    progress.value = done;
    this.#root.querySelector('.progress-label').textContent =
      `Page ${this.#page + 1} of ${pages.length} · ${done} of ${total} checks done`;
    const ids = this.ids;
    const parts = [ids.tenantId && `tenant ${ids.tenantId.slice(0, 8)}…`,
      ids.subscriptions.length && `${ids.subscriptions.length} subscription${ids.subscriptions.length === 1 ? '' : 's'}`].filter(Boolean);
    this.#root.querySelector('.ids-summary').textContent = parts.length ? `(${parts.join(', ')})` : '(fill in to get ready-to-run commands)';
  }

  // ---- Check my tenant -------------------------------------------------------------------

  #assessor() {
    if (typeof this.assess === 'function') return this.assess;
    return typeof this.#sdk.assess === 'function' ? (plan, snapshot) => this.#sdk.assess(plan, snapshot) : null;
  }

  #checkPage() {
    const heading = h('h2', { tabindex: '-1' }, 'Check my tenant');
    const lead = h('p', { class: 'lead' },
      'Load the onboarding plan and a snapshot of your tenant (format azure-onboarding-snapshot/v1: the Azure REST responses the check reads). Nothing leaves this page.');
    if (!this.#assessor()) {
      return [heading, lead, h('p', { class: 'callout warning', role: 'status', dataset: { unavailable: '' } },
        `The readiness assessment is not available in this build of @workbench/azure-onboarding (${this.#sdk.version()}). `,
        'Use the steps above, or run the check with a newer version.')];
    }
    const picker = h('input', { type: 'file', accept: '.json,application/json', multiple: true, class: 'visually-hidden', tabindex: '-1',
      'aria-label': 'Plan and snapshot files',
      onchange: () => this.#loadFiles([...picker.files]) });
    const files = h('p', { class: 'files', role: 'status' }, this.#fileStatus());
    const example = this.getAttribute('example-plan') && this.getAttribute('example-snapshot')
      ? h('button', { type: 'button', onclick: () => this.#loadExample() }, 'Use the example tenant') : null;
    const drop = h('div', { class: 'drop', part: 'drop-zone' },
      h('strong', {}, 'Drop the plan and snapshot JSON files here'),
      h('div', { class: 'drop-actions' },
        h('button', { type: 'button', class: 'primary', onclick: () => picker.click() }, 'Choose files…'), example),
      files, picker);
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      this.#loadFiles([...e.dataTransfer.files]);
    });
    return [heading, lead, drop, h('div', { class: 'report', part: 'report', 'aria-live': 'polite' })];
  }

  #fileStatus() {
    const name = (k) => this.#files[k]?.name ?? 'not loaded';
    return `Plan: ${name('plan')} · Snapshot: ${name('snapshot')}`;
  }

  /** Reads dropped or picked files; tells plan from snapshot by content. */
  async #loadFiles(list) {
    const errors = [];
    for (const file of list) {
      if (file.size > 50 * 1024 * 1024) { errors.push(`${file.name}: larger than 50 MB.`); continue; }
      let json;
      try { json = JSON.parse(await file.text()); } catch { errors.push(`${file.name}: not a JSON file.`); continue; }
      const kind = typeof json?.format === 'string' && json.format.startsWith('azure-onboarding-snapshot/') ? 'snapshot'
        : json && typeof json === 'object' && 'subscriptions' in json ? 'plan' : null;
      if (!kind) { errors.push(`${file.name}: neither an onboarding plan nor a snapshot.`); continue; }
      this.#files[kind] = { name: file.name, json };
    }
    this.#afterLoad(errors);
  }

  async #loadExample() {
    const errors = [];
    for (const [kind, attr] of [['plan', 'example-plan'], ['snapshot', 'example-snapshot']]) {
      const url = this.getAttribute(attr);
      try {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        this.#files[kind] = { name: url.split('/').pop(), json: await res.json() };
      } catch (err) {
        errors.push(`The example ${kind} could not be loaded (${err.message}).`);
      }
    }
    this.#afterLoad(errors);
  }

  #afterLoad(errors) {
    const status = this.#root.querySelector('.drop .files');
    if (status) status.textContent = this.#fileStatus();
    const report = this.#root.querySelector('.report');
    if (errors.length) {
      report.replaceChildren(h('div', { class: 'callout error', role: 'alert' }, errors.map((e) => h('div', {}, e))));
      return;
    }
    if (!this.#files.plan || !this.#files.snapshot) {
      report.replaceChildren(h('p', { class: 'muted' }, `Now load the ${this.#files.plan ? 'snapshot' : 'plan'}.`));
      return;
    }
    let result;
    try {
      result = this.#assessor()(this.#files.plan.json, this.#files.snapshot.json);
    } catch (err) {
      report.replaceChildren(h('div', { class: 'callout error', role: 'alert' },
        `The files could not be assessed: ${err?.message ?? err}`));
      return;
    }
    this.renderReport(result);
  }

  /** Shows a ReadinessReport (as `assess` returns it) on the "Check my tenant" page. */
  renderReport(report) {
    if (this.#page !== this.#pages().length - 1) this.#go(this.#pages().length - 1);
    const container = this.#root.querySelector('.report');
    const s = report.summary;
    const chip = (status, n) => h('span', { class: `status ${status}` }, `${n} ${STATUS_TEXT[status].toLowerCase()}`);
    const fixes = report.steps.flatMap((st) => st.findings).filter((f) => f.status !== 'pass' && f.remediation?.cli);
    const download = this.#remediationDownloads() ?? (fixes.length
      ? h('button', { type: 'button', onclick: () => this.#downloadScript(fixes) }, 'Download fix script')
      : null);
    const verdict = h('div', { class: `callout ${report.ready ? 'success' : 'error'} verdict`, part: 'verdict' },
      h('h3', {}, report.ready ? 'Ready: Workbench can monitor this tenant' : 'Not ready yet'),
      h('div', { class: 'chips' }, chip('fail', s.fail), chip('unknown', s.unknown), chip('warn', s.warn), chip('pass', s.pass)),
      download);
    const steps = report.steps.map((st) => {
      const open = st.status === 'fail' || st.status === 'unknown';
      const findings = [...st.findings].sort((a, b) => rank(b.status) - rank(a.status));
      return h('details', { class: 'step-report', open, dataset: { step: st.id } },
        h('summary', {}, h('span', {}, st.title), statusBadge(st.status)),
        h('ul', {}, findings.map((f) => h('li', { class: 'finding', dataset: { code: f.code } },
          h('div', { class: 'finding-head' }, statusBadge(f.status), h('span', {}, f.message)),
          f.resource ? h('div', { class: 'resource' }, f.resource) : null,
          f.status !== 'pass' && f.remediation ? [
            f.remediation.portal ? h('div', { class: 'fix' }, h('strong', {}, 'Fix in the portal: '), f.remediation.portal) : null,
            f.remediation.cli ? this.#staticCommand(f.remediation.cli) : null,
          ] : null))));
    });
    container.replaceChildren(verdict, ...steps);
  }

  #staticCommand(text) {
    const copy = h('button', { type: 'button', class: 'small', onclick: () => copyText(copy, text) }, 'Copy');
    copy.setAttribute('aria-label', 'Copy the command');
    return h('div', { class: 'command' }, h('div', { class: 'command-head' }, h('span', {}, 'Fix with the Azure CLI'), copy), h('pre', {}, text));
  }

  /**
   * With the full build: the remediation of the loaded plan and snapshot (the SDK's
   * `remediate`), offered as the idempotent az script and one ARM template per subscription.
   */
  #remediationDownloads() {
    if (typeof this.#sdk?.remediate !== 'function' || !this.#files.plan || !this.#files.snapshot) return null;
    let r;
    try {
      r = this.#sdk.remediate(this.#files.plan.json, this.#files.snapshot.json);
    } catch {
      return null;
    }
    if (!r.plan.changes.length) return null;
    return h('div', { class: 'downloads' },
      h('button', { type: 'button', onclick: () => this.#download('workbench-remediate.sh', r.azScript, 'text/x-shellscript') }, 'Download az script'),
      r.armTemplates.map((t) => h('button', {
        type: 'button',
        class: 'secondary',
        onclick: () => this.#download(`workbench-${t.subscriptionId}.json`, `${JSON.stringify(t.template, null, 2)}\n`, 'application/json'),
      }, `ARM template ${t.subscriptionId.slice(0, 8)}…`)));
  }

  #downloadScript(findings) {
    const lines = ['#!/usr/bin/env bash', '# Fixes from the Workbench readiness check. Review each command before running it.', 'set -euo pipefail', ''];
    for (const f of findings) lines.push(`# ${f.status.toUpperCase()} ${f.code}: ${f.resource}`, f.remediation.cli, '');
    this.#download('workbench-fixes.sh', lines.join('\n'), 'text/x-shellscript');
  }

  #download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = h('a', { href: url, download: name });
    this.#root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

function rank(status) {
  return { pass: 0, warn: 1, unknown: 2, fail: 3 }[status] ?? 0;
}

function statusBadge(status) {
  const icon = { pass: '✓', fail: '✕', warn: '!', unknown: '?' }[status] ?? '';
  return h('span', { class: `status ${status}` }, h('span', { 'aria-hidden': 'true' }, icon), STATUS_TEXT[status] ?? status);
}

if (!customElements.get('azure-onboarding-wizard')) customElements.define('azure-onboarding-wizard', AzureOnboardingWizard);
