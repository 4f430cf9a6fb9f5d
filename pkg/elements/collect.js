// "Collect from Azure now" on "Check my tenant": the full build's `collect` with tokens from
// the host's `tokenProvider` (the console's own sign-in), and its progress while it runs.
//
// Tokens live only in local variables of `#tokens` / `run` and in the options handed to
// `collect`: never in the DOM, an attribute, an event, the console or a message. A provider's
// error text is shown with every token obtained so far and anything token-shaped removed.
// Cancel aborts the collection (`collect`'s `signal`): requests in flight are aborted, nothing
// more is sent, and no partial snapshot is kept.
import { downloadText, h, richText, uid } from './theme.js';

/** What `tokenProvider` is called with, the `collect` option each fills, and the API's name. */
export const TOKEN_APIS = [
  ['arm', 'armToken', 'Azure Resource Manager'],
  ['graph', 'graphToken', 'Microsoft Graph'],
];
/** The `collectOptions` a host may set (the tokens come from `tokenProvider`, progress from here). */
export const COLLECT_OPTIONS = ['authority', 'collectedAt', 'endpointsForTesting'];

/** At most this many visible updates a second (onProgress fires on every completed request). */
const UPDATE_MS = 250;
/** The polite live region speaks at most this often while collecting (and once at the end). */
const ANNOUNCE_MS = 15_000;
/** The rate is measured over this window, so that throttling shows in it and in the time left. */
const RATE_WINDOW_MS = 5_000;

const count = new Intl.NumberFormat('en');

/** A failure to show as it is: its message holds no token. */
class CollectFailure extends Error {}

/** The person pressed Cancel: not an error, nothing collected. */
class CollectCancelled extends Error {}

/**
 * One live collection: its panel (progress while it runs, a summary when done) and `run()`,
 * which resolves to `collect`'s result or rejects with an error whose message can be shown.
 */
export class LiveCollection {
  #collect;
  #plan;
  #provider;
  #options;
  #ids = uid('aoc');
  #started = 0;
  #latest = null;
  #samples = [];
  #timer = null;
  #lastUpdate = 0;
  #lastAnnounce = 0;
  #nodes;
  #abort = new AbortController();
  /** The panel (kept across re-renders of the page: the wizard re-appends it). */
  panel;
  /** Whether `run` is still going. */
  running = false;

  constructor({ collect, plan, tokenProvider, options }) {
    this.#collect = collect;
    this.#plan = plan;
    this.#provider = tokenProvider;
    this.#options = options;
    const id = (s) => `${this.#ids}-${s}`;
    this.#nodes = {
      heading: h('h3', { id: id('h'), tabindex: '-1' }, 'Collecting from Azure'),
      step: h('p', { class: 'collect-step', id: id('step') }, 'Signing in to Azure through the console…'),
      // No value: indeterminate until the first progress.
      bar: h('progress', { 'aria-labelledby': id('h'), 'aria-describedby': id('step') }),
      stats: h('p', { class: 'collect-stats muted' }),
      live: h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' }),
      body: h('div', { class: 'collect-body' }),
      cancel: h('button', { type: 'button', class: 'collect-cancel', onclick: () => this.cancel() }, 'Cancel'),
    };
    const n = this.#nodes;
    this.panel = h('section', { class: 'collect', part: 'collect', 'aria-labelledby': id('h'), 'aria-busy': 'true' },
      n.heading, n.step, n.bar, n.stats, h('div', { class: 'collect-actions' }, n.cancel), n.body, n.live);
  }

  /** Moves focus to the panel's heading (the page calls it when the Collect button had focus). */
  focus() {
    this.#nodes.heading.focus();
  }

  /** Stops the collection (Cancel): `run` then rejects with a cancellation, nothing is kept. */
  cancel() {
    if (!this.running || this.#abort.signal.aborted) return;
    this.#abort.abort();
    this.#nodes.cancel.setAttribute('aria-disabled', 'true');
    this.#nodes.cancel.textContent = 'Cancelling…';
  }

  /** Asks for the tokens, collects, and shows progress; resolves to `collect`'s result. */
  async run() {
    this.running = true;
    try {
      const tokens = await this.#tokens();
      if (this.#abort.signal.aborted) throw new CollectCancelled('cancelled');
      this.#started = performance.now();
      this.#nodes.step.textContent = 'Listing the requests…';
      this.#announce('Collecting from Azure. Progress is shown below; this can take a few minutes for a large tenant.', true);
      let result;
      try {
        result = await this.#collect(this.#plan, {
          ...this.#options,
          ...tokens,
          onProgress: (p) => this.#progress(p),
          signal: this.#abort.signal,
        });
      } catch (err) {
        if (err?.code === 'aborted' || this.#abort.signal.aborted) throw new CollectCancelled('cancelled');
        // Misuse (`AzureOnboardingError`: a bad plan, an unknown authority) names no value.
        throw new CollectFailure(`The collection was refused: ${redact(describe(err), Object.values(tokens))}`);
      }
      clearTimeout(this.#timer);
      this.#timer = null;
      return result;
    } finally {
      this.running = false;
    }
  }

  /** The tokens for `collect`, from the provider; none is kept once `run` returns. */
  async #tokens() {
    const tokens = {};
    for (const [api, option, name] of TOKEN_APIS) {
      let token;
      try {
        token = await this.#provider(api);
      } catch (err) {
        throw new CollectFailure(`The console could not get a token for ${name}: ${redact(describe(err), Object.values(tokens))}`);
      }
      if (token === null || token === undefined || token === '') continue;
      if (typeof token !== 'string') {
        const what = Array.isArray(token) ? 'array' : typeof token;
        throw new CollectFailure(`tokenProvider('${api}') gave ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what}, not an access token (a string).`);
      }
      tokens[option] = token;
    }
    if (!Object.keys(tokens).length) {
      throw new CollectFailure('The console gave no token for Azure Resource Manager or Microsoft Graph, so nothing could be collected. Sign in again and retry.');
    }
    return tokens;
  }

  #progress(p) {
    this.#latest = p;
    const now = performance.now();
    this.#samples.push([now, p.completed]);
    while (this.#samples.length > 2 && now - this.#samples[1][0] > RATE_WINDOW_MS) this.#samples.shift();
    if (this.#timer !== null) return;
    const wait = Math.max(0, this.#lastUpdate + UPDATE_MS - now);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#lastUpdate = performance.now();
      this.#show();
    }, wait);
  }

  /** Requests completed a second, over the last few seconds. */
  #rate() {
    const [first] = this.#samples;
    const last = this.#samples.at(-1);
    if (!first || last[0] - first[0] < 500) return null;
    return (last[1] - first[1]) / ((last[0] - first[0]) / 1000);
  }

  #show() {
    const p = this.#latest;
    const n = this.#nodes;
    n.bar.max = Math.max(p.listed, 1);
    n.bar.value = p.completed;
    n.step.textContent = `${count.format(p.completed)} of ${count.format(p.listed)} requests read`;
    const rate = this.#rate();
    const elapsed = performance.now() - this.#started;
    const left = rate > 0 && elapsed > 2000 ? (p.listed - p.completed) / rate : null;
    const parts = [
      rate === null ? null : `${count.format(Math.round(rate))} requests/s`,
      p.throttled ? `${count.format(p.throttled)} throttled by Azure (429), waited out` : null,
      left === null ? null : p.listed > p.completed ? `about ${duration(left * 1000, true)} left` : 'finishing',
    ].filter(Boolean);
    n.stats.textContent = parts.join(' · ');
    // The live region speaks the percentage and the time left now and then, never each update.
    if (performance.now() - this.#lastAnnounce >= ANNOUNCE_MS) {
      const percent = Math.floor((100 * p.completed) / Math.max(p.listed, 1));
      this.#announce(`${percent}% collected${left === null || p.listed <= p.completed ? '' : `, about ${duration(left * 1000, true)} left`}.`);
    }
  }

  #announce(text, first = false) {
    this.#lastAnnounce = performance.now();
    if (first) this.#lastAnnounce += ANNOUNCE_MS / 3; // the first number after about 20 s
    this.#nodes.live.textContent = text;
  }

  /**
   * The panel once `collect` resolved: what was read, what went wrong (401, 403, no answer),
   * the notes and live findings, and the snapshot as a download.
   */
  done(result) {
    const { snapshot, stats = {}, notes = [], findings = [] } = result ?? {};
    const num = (x) => count.format(Number.isFinite(x) ? x : 0);
    const n = this.#nodes;
    const took = duration(performance.now() - this.#started);
    this.panel.removeAttribute('aria-busy');
    n.heading.textContent = 'Collected from Azure';
    const extra = [
      stats.httpRequests !== stats.listedRequests ? `${num(stats.httpRequests)} HTTP requests with pages and retries` : null,
      stats.throttled ? `${num(stats.throttled)} throttled by Azure and retried` : null,
    ].filter(Boolean);
    n.step.textContent = `${num(stats.listedRequests)} requests read in ${took}${extra.length ? ` (${extra.join(', ')})` : ''}.`;
    n.bar.remove();
    n.stats.remove();
    n.cancel.parentNode?.remove();
    const problems = readProblems(snapshot);
    n.body.replaceChildren(...[
      problems.length ? h('div', { class: `callout ${problems.every((x) => x.all) ? 'error' : 'warning'}`, dataset: { collectProblems: '' } },
        h('strong', {}, 'Some of the tenant could not be read'),
        h('ul', {}, problems.map((x) => h('li', { dataset: { problem: x.kind } }, x.text)))) : null,
      ...(Array.isArray(notes) ? notes : []).map((t) => h('p', { class: 'collect-note' }, richText(t))),
      ...(Array.isArray(findings) ? findings : []).map((f) => h('p', { class: 'collect-note', dataset: { code: f.code } }, richText(f.message))),
      h('div', { class: 'collect-actions' },
        h('button', {
          type: 'button',
          onclick: () => downloadText(this.panel, snapshotName(snapshot), `${JSON.stringify(snapshot, null, 2)}\n`, 'application/json'),
        }, 'Download the snapshot (JSON)'),
        h('span', { class: 'muted' }, 'Keep it to check again later, or to share without handing out access.')),
    ].filter(Boolean));
    this.#announce(`Collection finished in ${took}.`);
  }

  /** The panel after a failure: what went wrong (no token in it). */
  failed(err) {
    clearTimeout(this.#timer);
    this.#timer = null;
    const n = this.#nodes;
    this.panel.removeAttribute('aria-busy');
    const cancelHadFocus = this.panel.getRootNode().activeElement === n.cancel;
    n.heading.textContent = 'Not collected';
    n.bar.remove();
    n.stats.remove();
    n.cancel.parentNode?.remove();
    n.step.replaceChildren();
    n.step.remove();
    if (err instanceof CollectCancelled) {
      n.body.replaceChildren(h('p', { dataset: { collectCancelled: '' } },
        'You cancelled the collection; nothing was kept. Collect again, or load a snapshot file.'));
      this.#announce('Collection cancelled.');
      if (cancelHadFocus) n.heading.focus();
      return;
    }
    const text = err instanceof CollectFailure ? err.message : `The collection failed: ${redact(describe(err), [])}`;
    n.body.replaceChildren(h('div', { class: 'callout error', role: 'alert', dataset: { collectError: '' } }, text));
  }
}

/** The 401s, 403s and unanswered requests of a snapshot, as sentences (counted per entry). */
export function readProblems(snapshot) {
  const responses = Array.isArray(snapshot?.responses) ? snapshot.responses : [];
  const code = (r) => (typeof r?.body?.error?.code === 'string' ? r.body.error.code : '');
  const noAnswer = (r) => /^Collector(ConnectionFailed|Timeout)$/.test(code(r));
  const requests = (n) => (n === 1 ? '1 request' : `${count.format(n)} requests`);
  const kinds = [
    ['unauthorized', (r) => r.status === 401,
      (n) => `Azure did not accept the token for ${requests(n)} (401): it may have expired, or be for another tenant or API. Sign in again and collect again.`],
    ['forbidden', (r) => r.status === 403,
      (n) => `Azure refused ${requests(n)} (403): the signed-in account may not read them. The report marks what they decide as unknown and names the permission.`],
    ['no-answer', noAnswer,
      (n) => `${requests(n)} got no answer (network failure or timeout). Check the connection and collect again.`],
    ['not-read', (r) => code(r).startsWith('Collector') && !noAnswer(r),
      (n, hits) => `${requests(n)} could not be read (${[...new Set(hits.map(code))].join(', ')}).`],
    ['throttled', (r) => r.status === 429,
      (n) => `${requests(n)} stayed throttled (429) after every retry. Collect again in a few minutes.`],
  ];
  return kinds.map(([kind, test, text]) => {
    const hits = responses.filter(test);
    if (!hits.length) return null;
    const sentence = text(hits.length, hits);
    return { kind, all: hits.length === responses.length, text: sentence[0].toUpperCase() + sentence.slice(1) };
  }).filter(Boolean);
}

function snapshotName(snapshot) {
  const at = typeof snapshot?.collectedAt === 'string' ? snapshot.collectedAt.replace(/[^0-9TZ]/g, '') : '';
  return `azure-snapshot${at ? `-${at}` : ''}.json`;
}

function describe(err) {
  if (err instanceof Error || (err && typeof err.message === 'string')) return err.message || err.name || 'no message';
  return typeof err === 'string' ? err : 'no message';
}

/**
 * Text from elsewhere (a provider's error) made safe to show: every token given is removed,
 * and so is anything shaped like one (a JWT, a long opaque run); at most 300 characters.
 */
export function redact(text, tokens) {
  let out = String(text);
  for (const t of tokens) if (t) out = out.split(t).join('[token removed]');
  out = out.replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[token removed]').replace(/[\w~+/=.-]{60,}/g, '[removed]');
  return out.length > 300 ? `${out.slice(0, 299)}…` : out;
}

/** "45 s", "2 min 5 s"; rounded up to a coarser unit when `rough` (times left). */
function duration(ms, rough = false) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (rough) {
    if (s < 60) return `${Math.max(5, Math.ceil(s / 5) * 5)} s`;
    return `${Math.ceil(s / 60)} min`;
  }
  if (s < 60) return `${Math.max(1, s)} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
