// What the wizard shows of a report's text (pkg/elements/theme.js `visible`, used by
// `richText` and for a finding's resource): the characters the core never prints raw are
// shown as `\u{…}`, as the CLI's reports show them. A resource named with a right-to-left
// override cannot make a finding read as something else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { richText, visible } from '../../pkg/elements/theme.js';

test('hidden characters are shown as \\u{…}, the rest as it is', () => {
  assert.equal(visible('contoso\u202Egnp.exe'), 'contoso\\u{202E}gnp.exe');
  assert.equal(visible('a\nREADY: every required check passed'), 'a\\u{A}READY: every required check passed');
  assert.equal(visible('\u2066x\u2069\u200F\u061C\u0000\u009B'), '\\u{2066}x\\u{2069}\\u{200F}\\u{61C}\\u{0}\\u{9B}');
  assert.equal(visible('Ünïcödé names, (rg-1) and 日本語 stay'), 'Ünïcödé names, (rg-1) and 日本語 stay');
  // Text without `code` spans needs no DOM: richText gives the same strings.
  assert.deepEqual(richText('name\u202Eevil'), ['name\\u{202E}evil']);
});
