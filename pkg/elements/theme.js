// The look shared by <azure-onboarding-form> and <azure-onboarding-wizard>: every colour,
// font and radius is a CSS custom property a host may override on the element.

const light = `
  --ao-bg: #ffffff; --ao-surface: #f6f8fa; --ao-fg: #1f2328; --ao-muted: #57606a;
  --ao-border: #6e7781; --ao-border-subtle: #d0d7de;
  --ao-accent: #0f6cbd; --ao-accent-fg: #ffffff; --ao-accent-subtle: #ddf4ff;
  --ao-error: #b3261e; --ao-error-bg: #ffebe9; --ao-warning: #7d4e00; --ao-warning-bg: #fff8c5;
  --ao-success: #1a7f37; --ao-success-bg: #dafbe1; --ao-focus: #0f6cbd;
  --ao-code-bg: #f6f8fa;`;
const dark = `
  --ao-bg: #0d1117; --ao-surface: #161b22; --ao-fg: #e6edf3; --ao-muted: #9da7b3;
  --ao-border: #7d8590; --ao-border-subtle: #30363d;
  --ao-accent: #4493f8; --ao-accent-fg: #0d1117; --ao-accent-subtle: #121d2f;
  --ao-error: #ff7b72; --ao-error-bg: #2d1417; --ao-warning: #e3b341; --ao-warning-bg: #2b2111;
  --ao-success: #3fb950; --ao-success-bg: #12261a; --ao-focus: #4493f8;
  --ao-code-bg: #161b22;`;

export const themeCss = `
:host {
  ${light}
  --ao-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --ao-mono: ui-monospace, SFMono-Regular, "Cascadia Mono", Consolas, "Liberation Mono", monospace;
  --ao-radius: 6px;
  display: block; color-scheme: light;
  font: 15px/1.5 var(--ao-font); color: var(--ao-fg); background: var(--ao-bg);
}
@media (prefers-color-scheme: dark) { :host(:not([theme="light"])) { ${dark} color-scheme: dark; } }
:host([theme="dark"]) { ${dark} color-scheme: dark; }
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
:focus-visible { outline: 2px solid var(--ao-focus); outline-offset: 2px; }
button, input, select, textarea { font: inherit; color: inherit; }
button {
  display: inline-flex; align-items: center; gap: .4em; min-height: 2.25rem; padding: .35rem .9rem;
  border: 1px solid var(--ao-border); border-radius: var(--ao-radius);
  background: var(--ao-bg); color: var(--ao-fg); cursor: pointer; font-weight: 500;
}
button:hover:not(:disabled) { background: var(--ao-surface); }
button.primary { background: var(--ao-accent); border-color: var(--ao-accent); color: var(--ao-accent-fg); }
button.primary:hover:not(:disabled) { background: var(--ao-accent); filter: brightness(1.1); }
button:disabled { opacity: .55; cursor: not-allowed; }
button.small { min-height: 1.9rem; padding: .15rem .6rem; font-size: .85rem; }
code, pre, kbd { font-family: var(--ao-mono); font-size: .86em; }
pre {
  margin: 0; padding: .7rem .8rem; white-space: pre-wrap; overflow-wrap: anywhere;
  background: var(--ao-code-bg); border: 1px solid var(--ao-border-subtle); border-radius: var(--ao-radius);
}
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; margin: -1px; padding: 0; border: 0;
}
.muted { color: var(--ao-muted); }
.callout { padding: .6rem .8rem; border-radius: var(--ao-radius); border: 1px solid; }
.callout.error { color: var(--ao-fg); background: var(--ao-error-bg); border-color: var(--ao-error); }
.callout.warning { color: var(--ao-fg); background: var(--ao-warning-bg); border-color: var(--ao-warning); }
.callout.success { color: var(--ao-fg); background: var(--ao-success-bg); border-color: var(--ao-success); }
.callout.info { color: var(--ao-fg); background: var(--ao-accent-subtle); border-color: var(--ao-accent); }
`;

/** Every theme property: a nested element inherits them (see `inheritTheme`). */
export const THEME_VARS = [...new Set([...(light + dark).matchAll(/--ao-[a-z-]+/g)].map((m) => m[0])),
  '--ao-font', '--ao-mono', '--ao-radius'];

/**
 * Rules for an element's shadow root that make the elements nested in it (the wizard's form)
 * take the theme of their parent instead of their own defaults: a host's accent, font and
 * radius set on the outer element, and a theme switched at run time, reach the inner one.
 */
export const inheritTheme = (selector) =>
  `${selector} { ${THEME_VARS.map((v) => `${v}: inherit;`).join(' ')} color-scheme: inherit; background: transparent; }`;

let sheet;
/** The shared stylesheet (constructed once) plus an element's own rules. */
export function adoptStyles(root, ownCss) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(themeCss);
  }
  const own = new CSSStyleSheet();
  own.replaceSync(ownCss);
  root.adoptedStyleSheets = [sheet, own];
}

/** Creates an element: h('p', { class: 'x', onclick }, 'text', child). Never uses innerHTML. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return el;
}

let counter = 0;
/** A unique id prefix for one element instance (ids inside a shadow root must be unique). */
export const uid = (p) => `${p}-${++counter}`;

// The characters the core never prints raw (azure_onboarding::is_hidden_character): control
// characters, the line and paragraph separators, and the bidirectional formatting characters
// that reorder what is displayed (Trojan Source, CVE-2021-42574).
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a report or a snapshot (a resource's name) as it may be shown: each hidden
 * character as `\u{…}`, as the CLI's reports show it, so that a name holding a right-to-left
 * override cannot make a finding read as something else.
 */
export function visible(text) {
  return String(text).replace(HIDDEN, (c) => `\\u{${c.codePointAt(0).toString(16).toUpperCase()}}`);
}

/** Text with `code` spans (as the core writes commands in hints) as nodes: backticks become <code>. */
export function richText(text) {
  return visible(text).split(/`([^`]+)`/).map((part, i) => (i % 2 ? h('code', {}, part) : part));
}

/** Copies text to the clipboard and says so on the button (falls back to selecting it). */
export async function copyText(button, text) {
  // Only the visible word changes; the rest of the name (which command) stays.
  const word = button.querySelector('.word') ?? button;
  const label = word.textContent;
  try {
    await navigator.clipboard.writeText(text);
    word.textContent = 'Copied';
  } catch {
    word.textContent = 'Press Ctrl+C';
    const pre = button.closest('.command')?.querySelector('pre');
    if (pre) getSelection().selectAllChildren(pre);
  }
  setTimeout(() => { word.textContent = label; }, 2000);
}

/** A Copy button whose accessible name says what it copies: "Copy" + hidden " the command: …". */
export function copyButton(what, text, attrs = {}) {
  const button = h('button', { type: 'button', class: 'small', ...attrs, onclick: () => copyText(button, text()) },
    h('span', { class: 'word' }, 'Copy'), h('span', { class: 'visually-hidden' }, ` ${what}`));
  return button;
}

/** Offers `text` as a file download named `name` (an object URL on a hidden link in `parent`). */
export function downloadText(parent, name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  parent.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
