// The look of <azure-onboarding-wizard> (its shadow root's own rules; the shared theme is in
// theme.js). The nested form takes the wizard's theme through `inheritTheme`.
import { inheritTheme } from './theme.js';

export const wizardCss = `
.layout { display: grid; grid-template-columns: 15rem minmax(0, 1fr); gap: 2rem; align-items: start; }
nav { position: sticky; top: 1rem; background: var(--ao-bg); z-index: 1; }
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
.content { min-width: 0; }
h2 { font-size: 1.35rem; margin: 0 0 .3rem; line-height: 1.3; }
h3 { font-size: 1.05rem; margin: 0; line-height: 1.35; }
h4 { font-size: .8rem; margin: .8rem 0 .3rem; text-transform: uppercase; letter-spacing: .04em; color: var(--ao-muted); }
.lead { margin: 0 0 1.2rem; color: var(--ao-muted); }
details.ids { border: 1px solid var(--ao-border-subtle); border-radius: var(--ao-radius); margin-bottom: 1.4rem; background: var(--ao-surface); }
details.ids > summary { padding: .6rem .9rem; cursor: pointer; font-weight: 600; }
details.ids > summary .muted { font-weight: 400; font-size: .9rem; }
.ids-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: .8rem 1rem; padding: 0 .9rem .9rem; }
.id-field { display: grid; gap: .2rem; align-content: start; min-width: 0; }
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
.command-help { font-size: .85rem; display: grid; gap: .2rem; }
.id-messages:empty { display: none; }
.id-messages { display: grid; gap: .2rem; font-size: .82rem; color: var(--ao-error); font-weight: 400; overflow-wrap: anywhere; }
.ids-grid [aria-invalid="true"] { border-color: var(--ao-error); box-shadow: inset 0 0 0 1px var(--ao-error); }
.snapshot-date { margin: .3rem 0 0; font-size: .9rem; flex-basis: 100%; }
.downloads-help { font-size: .88rem; margin: 0; flex-basis: 100%; }
.ticked { font-size: .9rem; }
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
.collect-slot { display: contents; }
.collect-hint { flex-basis: 100%; font-size: .88rem; }
button[aria-disabled="true"] { opacity: .6; cursor: progress; }
.collect {
  display: grid; gap: .45rem; margin-top: 1.2rem; padding: .9rem 1rem;
  border: 1px solid var(--ao-border-subtle); border-radius: var(--ao-radius); background: var(--ao-surface);
}
.collect-step, .collect-stats { margin: 0; font-variant-numeric: tabular-nums; }
.collect-stats { font-size: .88rem; min-height: 1.3em; }
.collect progress { height: .6rem; }
.collect-body { display: grid; gap: .6rem; }
.collect-body:empty { display: none; }
.collect .callout ul { margin: .3rem 0 0; padding-left: 1.2rem; font-size: .9rem; }
.collect-note { margin: 0; font-size: .9rem; }
.collect-actions { display: flex; flex-wrap: wrap; gap: .4rem .8rem; align-items: center; }
.collect-actions .muted { font-size: .88rem; }
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
details.step-report > summary { display: flex; flex-wrap: wrap; gap: .8rem; align-items: center; justify-content: space-between; padding: .7rem 1rem; cursor: pointer; font-weight: 600; }
details.step-report > ul { list-style: none; margin: 0; padding: 0 1rem 1rem; display: grid; gap: .8rem; }
.finding { border-top: 1px solid var(--ao-border-subtle); padding-top: .8rem; display: grid; gap: .3rem; }
.finding-head { display: flex; gap: .6rem; align-items: baseline; flex-wrap: wrap; min-width: 0; }
.finding-head > span:last-child { min-width: 0; overflow-wrap: anywhere; }
.finding .resource { font-family: var(--ao-mono); font-size: .8rem; color: var(--ao-muted); word-break: break-all; }
.finding .fix { font-size: .92rem; }
/* Phones and zoom: one column, the step list in the flow above the content (never over it). */
@media (max-width: 760px) {
  .layout { grid-template-columns: minmax(0, 1fr); gap: 1rem; }
  nav { position: static; }
  nav ol { grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); }
  .card { padding: .8rem; }
  .card-head { flex-wrap: wrap; }
  .pager { flex-wrap: wrap; }
  .pager button { max-width: 100%; }
}

${inheritTheme('azure-onboarding-form')}
`;
