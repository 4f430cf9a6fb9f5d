// "Check my tenant", the last page of <azure-onboarding-wizard>: reads an onboarding plan and a
// snapshot (dropped, picked or the example), shows the core's ReadinessReport grouped by step,
// and offers the remediation the core renders (az script, ARM templates). Nothing here writes
// shell: every command and download comes from the full module (`assess`, `remediate`).
import { loadFullSdk } from './sdk.js';
import { copyButton, downloadText, h, richText, visible } from './theme.js';
import { LiveCollection } from './collect.js';

const STATUS_TEXT = { pass: 'Pass', fail: 'Fail', warn: 'Warning', unknown: 'Unknown' };
const MAX_FILE = 50 * 1024 * 1024;

/** The state and rendering of the page; `wizard` is the element (attributes, `assess`, events). */
export class TenantCheck {
  #wizard;
  #full = null;
  #files = { plan: null, snapshot: null };
  #container = null;
  #pendingReport = null;
  /** The report shown, shown again when the page is rebuilt (navigation, an option switched). */
  #lastReport = null;
  /** The live collection ("Collect from Azure now"): its panel survives re-renders of the page. */
  #collection = null;
  #collectSlot = null;
  #privacy = null;
  /** Called with the plan when one is loaded: the wizard fills "Your IDs" from it. */
  onPlan = () => {};
  /** Called with the report: the wizard ticks the requirements of the steps that passed. */
  onReport = () => {};

  constructor(wizard) {
    this.#wizard = wizard;
  }

  /** The page's nodes. The full module is fetched the first time the page opens. */
  page() {
    const heading = h('h2', { tabindex: '-1' }, 'Check my tenant');
    this.#privacy = h('span', {}, this.#privacyText());
    const lead = h('p', { class: 'lead' },
      'Load the onboarding plan and a snapshot of your tenant (format azure-onboarding-snapshot/v1 or v2: the Azure REST responses the check reads). ', this.#privacy);
    const body = h('div', { class: 'check-body' });
    this.#container = body;
    if (this.#full) {
      body.replaceChildren(...this.#ready());
      if (this.#lastReport) this.render(this.#lastReport);
    }
    else {
      const load = () => {
        body.replaceChildren(h('p', { class: 'muted', role: 'status' }, 'Loading the readiness check…'));
        loadFullSdk().then(
          (full) => {
            this.#full = full;
            if (this.#container === body) body.replaceChildren(...this.#ready());
            if (this.#pendingReport) this.render(this.#pendingReport);
          },
          () => {
            if (this.#container === body) {
              body.replaceChildren(h('p', { class: 'callout error', role: 'alert' },
                'The readiness check could not be loaded. ', h('button', { type: 'button', onclick: load }, 'Try again')));
            }
          },
        );
      };
      load();
    }
    return [heading, lead, body];
  }

  #assessor() {
    if (typeof this.#wizard.assess === 'function') return this.#wizard.assess;
    return typeof this.#full?.assess === 'function' ? (plan, snapshot) => this.#full.assess(plan, snapshot) : null;
  }

  #ready() {
    if (!this.#assessor()) {
      return [h('p', { class: 'callout warning', role: 'status', dataset: { unavailable: '' } },
        `The readiness assessment is not available in this build of @workbench/azure-onboarding (${this.#full?.version?.() ?? 'unknown'}). `,
        'Use the steps above, or run the check with a newer version.')];
    }
    const picker = h('input', {
      type: 'file', accept: '.json,application/json', multiple: true, class: 'visually-hidden', tabindex: '-1',
      'aria-label': 'Plan and snapshot files', onchange: () => this.#loadFiles([...picker.files]),
    });
    const example = this.#wizard.getAttribute('example-plan') && this.#wizard.getAttribute('example-snapshot')
      ? h('button', { type: 'button', onclick: () => this.#loadExample() }, 'Use the example tenant') : null;
    const drop = h('div', { class: 'drop', part: 'drop-zone' },
      h('strong', {}, 'Drop the plan and snapshot JSON files here'),
      h('div', { class: 'drop-actions' },
        h('button', { type: 'button', class: 'primary', onclick: () => picker.click() }, 'Choose files…'), example,
        this.#collectSlot = h('span', { class: 'collect-slot' }, this.#collectOffer())),
      h('p', { class: 'files', role: 'status' }, this.#fileStatus()), picker);
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      this.#loadFiles([...e.dataTransfer.files]);
    });
    return [drop, this.#collection?.panel, h('div', { class: 'report', part: 'report', 'aria-live': 'polite' })].filter(Boolean);
  }

  /** Whether "Collect from Azure now" can be offered: the host gave a token provider and the build has `collect`. */
  #canCollect() {
    return typeof this.#wizard.tokenProvider === 'function' && typeof this.#full?.collect === 'function';
  }

  /** The Collect button (a plan is loaded) or a hint (none yet); nothing without a token provider. */
  #collectOffer() {
    if (!this.#canCollect()) return null;
    if (!this.#files.plan) {
      return h('span', { class: 'collect-hint muted' }, 'With the plan loaded, you can also collect the snapshot from Azure now with your sign-in.');
    }
    const running = this.#collection?.running;
    return h('button', {
      type: 'button', class: 'collect-button', 'aria-disabled': running ? 'true' : undefined,
      onclick: (e) => this.#startCollect(e.currentTarget),
    }, running ? 'Collecting from Azure…' : 'Collect from Azure now');
  }

  /** Shows the Collect button as it should be now (the host set `tokenProvider`, a plan came, a collection ended). */
  refresh() {
    this.#collectSlot?.replaceChildren(...[this.#collectOffer()].filter(Boolean));
    if (this.#privacy) this.#privacy.textContent = this.#privacyText();
  }

  /** What leaves the page: nothing, unless the host lets the wizard collect from Azure. */
  #privacyText() {
    return typeof this.#wizard.tokenProvider === 'function'
      ? 'Files you load stay on this page; “Collect from Azure now” reads your tenant from Azure with your sign-in (read-only requests).'
      : 'Nothing leaves this page.';
  }

  /** The options of `collect` besides the tokens: the wizard's `authority`, then the host's `collectOptions`. */
  #collectOptions() {
    const authority = this.#wizard.getAttribute('authority');
    return { ...(authority ? { authority } : {}), ...(this.#wizard.collectOptions ?? {}) };
  }

  /**
   * Collects a snapshot of the loaded plan's tenant with the host's tokens, shows its progress,
   * then assesses it as a loaded snapshot. Focus follows the panel if it was on the button.
   */
  async #startCollect(button) {
    if (this.#collection?.running || !this.#canCollect() || !this.#files.plan) return;
    const hadFocus = button.getRootNode().activeElement === button;
    this.#collection?.panel.remove();
    const collection = new LiveCollection({
      collect: (plan, options) => this.#full.collect(plan, options),
      plan: this.#files.plan.json,
      tokenProvider: this.#wizard.tokenProvider,
      options: this.#collectOptions(),
    });
    this.#collection = collection;
    const running = collection.run();
    const report = this.#container?.querySelector('.report');
    report?.before(collection.panel);
    // "Now load the snapshot" no longer applies; a report shown stays until the new one.
    report?.querySelector(':scope > p.muted')?.remove();
    this.refresh();
    if (hadFocus) collection.focus();
    let result;
    try {
      result = await running;
    } catch (err) {
      collection.failed(err);
      this.refresh();
      return;
    }
    collection.done(result);
    const at = new Date().toISOString().slice(11, 16);
    this.#files.snapshot = { name: `collected from Azure at ${at} UTC`, json: result.snapshot };
    this.refresh();
    this.#afterLoad([]);
  }

  #fileStatus() {
    const name = (k) => this.#files[k]?.name ?? 'not loaded';
    return `Plan: ${name('plan')} · Snapshot: ${name('snapshot')}`;
  }

  /** Reads dropped or picked files; tells plan from snapshot by content. */
  async #loadFiles(list) {
    const errors = [];
    for (const file of list) {
      if (file.size > MAX_FILE) { errors.push(`${file.name}: larger than 50 MB.`); continue; }
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
      const url = this.#wizard.getAttribute(attr);
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
    // The plan first: an access option it switches re-renders the page (a new container).
    if (this.#files.plan && this.#container?.querySelector('.report')) this.onPlan(this.#files.plan.json);
    const root = this.#container;
    const status = root?.querySelector('.drop .files');
    if (status) status.textContent = this.#fileStatus();
    this.refresh();
    const report = root?.querySelector('.report');
    if (!report) return;
    this.#lastReport = null;
    if (errors.length) {
      report.replaceChildren(h('div', { class: 'callout error', role: 'alert' }, errors.map((e) => h('div', {}, e))));
      return;
    }
    if (!this.#files.plan || !this.#files.snapshot) {
      const next = !this.#files.plan ? 'Now load the plan.'
        : this.#canCollect() ? 'Now load the snapshot, or collect it from Azure now.' : 'Now load the snapshot.';
      report.replaceChildren(h('p', { class: 'muted' }, next));
      return;
    }
    const failed = (err) => report.replaceChildren(h('div', { class: 'callout error', role: 'alert' },
      `The files could not be assessed: ${err?.message ?? err}`));
    let result;
    try {
      result = this.#assessor()(this.#files.plan.json, this.#files.snapshot.json);
    } catch (err) {
      failed(err);
      return;
    }
    if (typeof result?.then !== 'function') {
      this.#show(result, failed);
      return;
    }
    // A host's assessment may answer later (a server): the files loaded now are the ones shown.
    const files = { ...this.#files };
    report.replaceChildren(h('p', { class: 'muted', role: 'status' }, 'Assessing…'));
    Promise.resolve(result).then((r) => {
      if (this.#files.plan === files.plan && this.#files.snapshot === files.snapshot) this.#show(r, failed);
    }, (err) => {
      if (this.#files.plan === files.plan && this.#files.snapshot === files.snapshot) failed(err);
    });
  }

  /** Renders what an assessment returned, or says it is not a report. */
  #show(result, failed) {
    const counts = result?.summary;
    if (!result || typeof result !== 'object' || !Array.isArray(result.steps) || !counts || typeof counts !== 'object'
      || !['pass', 'fail', 'warn', 'unknown'].every((k) => typeof counts[k] === 'number')) {
      failed(new TypeError('the assessment did not return a readiness report ({ ready, summary, steps })'));
      return;
    }
    try {
      this.render(result);
    } catch (err) {
      failed(new TypeError(`the assessment's report could not be shown (${err?.message ?? err})`));
    }
  }

  /** Shows a ReadinessReport in the page's report area (the page must be open). */
  render(report) {
    const container = this.#container?.querySelector('.report');
    if (!container) {
      // The page is still loading the full module: shown once it is there.
      this.#pendingReport = report;
      return false;
    }
    this.#pendingReport = null;
    const s = report.summary;
    const chip = (status, n) => h('span', { class: `status ${status}` }, `${n} ${STATUS_TEXT[status].toLowerCase()}`);
    const verdict = h('div', { class: `callout ${report.ready ? 'success' : 'error'} verdict`, part: 'verdict' },
      h('h3', {}, report.ready ? 'Ready: Workbench can monitor this tenant' : 'Not ready yet'),
      h('div', { class: 'chips' }, chip('fail', s.fail), chip('unknown', s.unknown), chip('warn', s.warn), chip('pass', s.pass)),
      this.#snapshotDate(),
      this.#downloads());
    const steps = report.steps.map((st) => {
      const open = st.status === 'fail' || st.status === 'unknown';
      const findings = [...st.findings].sort((a, b) => rank(b.status) - rank(a.status));
      const shown = new Set();
      return h('details', { class: 'step-report', open, dataset: { step: st.id } },
        h('summary', {}, h('span', {}, st.title), statusBadge(st.status)),
        h('ul', {}, findings.map((f) => h('li', { class: 'finding', dataset: { code: f.code } },
          h('div', { class: 'finding-head' }, statusBadge(f.status), h('span', {}, richText(f.message))),
          f.resource ? h('div', { class: 'resource' }, visible(f.resource)) : null,
          f.status !== 'pass' && f.remediation ? this.#fix(f, shown) : null))));
    });
    container.replaceChildren(verdict, ...steps);
    this.#lastReport = report;
    this.onReport(report);
    return true;
  }

  /** A finding's fix; one that repeats the fix of a finding above it in the step says so instead. */
  #fix(f, shown) {
    const key = `${f.remediation.portal ?? ''}\n${f.remediation.cli ?? ''}`;
    if (shown.has(key)) return h('div', { class: 'fix muted' }, 'Fixed by the same change as the finding above.');
    shown.add(key);
    const what = f.resource ? `${f.code} on ${visible(f.resource)}` : f.code;
    return [
      f.remediation.portal ? h('div', { class: 'fix' }, h('strong', {}, 'Fix in the portal: '), richText(f.remediation.portal)) : null,
      f.remediation.cli ? h('div', { class: 'command' },
        h('div', { class: 'command-head' }, h('span', {}, 'Fix with the Azure CLI'),
          copyButton(`the fix for ${what}`, () => f.remediation.cli)),
        h('pre', {}, f.remediation.cli)) : null,
    ];
  }

  #snapshotDate() {
    const taken = this.#files.snapshot?.json?.collectedAt;
    const date = taken ? new Date(taken) : null;
    if (!date || Number.isNaN(date.getTime())) return null;
    const days = Math.floor((Date.now() - date.getTime()) / 86_400_000);
    const ago = days <= 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
    return h('p', { class: 'snapshot-date', dataset: { collectedAt: taken } },
      `Snapshot taken ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC (${ago}). `,
      days > 0 ? 'The report describes the tenant as it was then; dates such as a secret’s expiry count from that moment.' : '');
  }

  /**
   * The remediation of the loaded plan and snapshot (the full module's `remediate`): the
   * idempotent az script, and one ARM template per subscription, with which to use.
   */
  #downloads() {
    if (typeof this.#full?.remediate !== 'function' || !this.#files.plan || !this.#files.snapshot) return null;
    let r;
    try {
      r = this.#full.remediate(this.#files.plan.json, this.#files.snapshot.json);
    } catch {
      return null;
    }
    if (!r.plan.changes.length) return null;
    return h('div', { class: 'downloads' },
      h('p', { class: 'downloads-help' },
        'Recommended: the az script. It reads each setting before it changes it, so what was added since the snapshot stays; run it in Azure Cloud Shell as an Owner of the subscriptions. ',
        'The ARM templates do the same per subscription for a deployment pipeline: deploy each at subscription scope (Azure portal: Deploy a custom template); they replace the settings they name with the snapshot’s view.'),
      h('button', { type: 'button', onclick: () => downloadText(this.#container, 'workbench-remediate.sh', r.azScript, 'text/x-shellscript') }, 'Download az script'),
      r.armTemplates.map((t) => h('button', {
        type: 'button',
        onclick: () => downloadText(this.#container, `workbench-${t.subscriptionId}.json`, `${JSON.stringify(t.template, null, 2)}\n`, 'application/json'),
      }, `ARM template ${t.subscriptionId.slice(0, 8)}…`, h('span', { class: 'visually-hidden' }, ` for subscription ${t.subscriptionId}`))));
  }
}

function rank(status) {
  return { pass: 0, warn: 1, unknown: 2, fail: 3 }[status] ?? 0;
}

function statusBadge(status) {
  const icon = { pass: '✓', fail: '✕', warn: '!', unknown: '?' }[status] ?? '';
  return h('span', { class: `status ${status}` }, h('span', { 'aria-hidden': 'true' }, icon), STATUS_TEXT[status] ?? status);
}
