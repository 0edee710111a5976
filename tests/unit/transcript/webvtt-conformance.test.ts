// The W3C/WPT WebVTT file-parsing cases, run through parseTranscript (not webvtt-parser directly).
// Each support/NAME.test holds the assertions the WPT page NAME.html makes about `cues`; we run those
// assertions as written against cues built from our SourceText: id, text (the unit's range in the source
// text), startTime and endTime. Cue properties the text model does not carry (align, line, size, region,
// position, vertical, snapToLines, styles) are recorded as not modelled and skipped; every case must
// still have at least one checked assertion. The input is tests/support/NAME.vtt (the .test body with its
// escapes resolved, as WPT generates it).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../shared/transcript/index.ts';
import type { CueUnit, SourceText } from '../../../shared/types/text.ts';

const root = path.resolve(import.meta.dirname, '../../../../shared/conformance/webvtt-file-parsing');
const vttDir = path.join(root, 'tests/support');
const testDir = path.join(root, 'support');

interface CaseOutcome {
  checked: number;
  skipped: number;
}

function importVtt(name: string): SourceText {
  const result = parseTranscript(`${name}.vtt`, readFileSync(path.join(vttDir, `${name}.vtt`)));
  if (!result.ok) throw new Error(`expected ${name}.vtt to import, got: ${result.error}`);
  expect(result.value.format).toBe('webvtt');
  return result.value.sourceText;
}

function cueTexts(text: SourceText): { id: string; text: string; start: number; end: number }[] {
  return (text.units as CueUnit[]).map((u) => ({ id: u.id ?? '', text: text.text.slice(u.range[0], u.range[1]), start: u.time[0], end: u.time[1] }));
}

// Runs one .test's assertion script with `cues` made from our importer's output.
function runAssertions(script: string, text: SourceText): CaseOutcome {
  const outcome: CaseOutcome = { checked: 0, skipped: 0 };
  let touchedUnmodelled = false;
  const unmodelled: object = new Proxy(function () {}, {
    get: (_t, prop) => (prop === Symbol.toPrimitive ? () => 'unmodelled' : unmodelled),
  });
  const modelled: Record<string, (u: CueUnit) => unknown> = {
    id: (u) => u.id ?? '',
    text: (u) => text.text.slice(u.range[0], u.range[1]),
    startTime: (u) => u.time[0],
    endTime: (u) => u.time[1],
  };
  const cues = text.units.map(
    (unit) =>
      new Proxy(
        {},
        {
          get: (_t, prop) => {
            const read = typeof prop === 'string' ? modelled[prop] : undefined;
            if (read) return read(unit as CueUnit);
            touchedUnmodelled = true;
            return unmodelled;
          },
        },
      ),
  );
  const document = new Proxy(
    {},
    {
      get: () => {
        touchedUnmodelled = true;
        return unmodelled;
      },
    },
  );
  const assertion = (check: () => void, ...args: unknown[]) => {
    if (touchedUnmodelled || args.includes(unmodelled)) outcome.skipped++;
    else {
      check();
      outcome.checked++;
    }
    touchedUnmodelled = false;
  };
  const assert_equals = (actual: unknown, expected: unknown, message?: unknown) =>
    assertion(() => expect(actual, typeof message === 'string' ? message : undefined).toBe(expected), actual, expected);
  const assert_not_equals = (actual: unknown, expected: unknown) => assertion(() => expect(actual).not.toBe(expected), actual, expected);
  const assert_true = (actual: unknown, message?: unknown) => assertion(() => expect(actual, String(message ?? '')).toBe(true), actual);
  const assert_false = (actual: unknown, message?: unknown) => assertion(() => expect(actual, String(message ?? '')).toBe(false), actual);
  // The assertion scripts are the W3C's own JavaScript; running them verbatim is what makes this data-driven.
  const run = new Function('cues', 'document', 'assert_equals', 'assert_not_equals', 'assert_true', 'assert_false', script) as (...args: unknown[]) => void;
  run(cues, document, assert_equals, assert_not_equals, assert_true, assert_false);
  return outcome;
}

function assertionScript(name: string): string {
  const source = readFileSync(path.join(testDir, `${name}.test`), 'utf8');
  const head = source.slice(0, source.indexOf('\n===\n'));
  return head
    .split('\n')
    .slice(1)
    .filter((line) => !line.startsWith('<link'))
    .join('\n');
}

const testNames = readdirSync(testDir)
  .filter((f) => f.endsWith('.test'))
  .map((f) => f.slice(0, -'.test'.length))
  .sort();

describe('WebVTT file-parsing conformance through parseTranscript', () => {
  it('finds the 38 assertion files and their inputs', () => {
    expect(testNames).toHaveLength(38);
    for (const name of testNames) expect(readdirSync(vttDir)).toContain(`${name}.vtt`);
  });

  it('its assertion runner fails on a wrong answer and skips only unmodelled properties', () => {
    const text = importVtt('arrows');
    expect(() => runAssertions('assert_equals(cues.length, 5);', text)).toThrow();
    expect(() => runAssertions("assert_equals(cues[0].text, 'text1');", text)).toThrow();
    expect(runAssertions("assert_equals(cues[0].align, 'start'); assert_equals(cues[0].id, '');", text)).toEqual({ checked: 1, skipped: 1 });
  });

  it.each(testNames)('%s', (name) => {
    const text = importVtt(name);
    const outcome = runAssertions(assertionScript(name), text);
    if (name === 'stylesheets') {
      // Its only assertion is about document.styleSheets; what the text model can show: the two cues
      // after the STYLE blocks, and no style sheet text in the transcript.
      expect(outcome.skipped).toBe(1);
      expect(cueTexts(text)).toEqual([
        { id: 'foo', text: 'text', start: 0, end: 1 },
        { id: 'bar', text: 'text', start: 0, end: 1 },
      ]);
      expect(text.text).not.toContain('width');
    } else {
      expect(outcome.checked).toBeGreaterThan(0);
    }
  });

  // WPT's header-regions.html: 9 cues, each cue's text is the JSON of what its region should be.
  it('header-regions (9 cues; region blocks give no cue text)', () => {
    const cues = cueTexts(importVtt('header-regions'));
    expect(cues).toHaveLength(9);
    for (const cue of cues) expect(() => JSON.parse(cue.text) as unknown).not.toThrow();
    expect(cues.map((c) => c.start)).toEqual([0, 0, 0, 0, 3, 4, 5, 6, 7]);
    expect(cues[0]).toEqual({ id: '', text: '"no region"', start: 0, end: 2.5 });
    expect(cues[8]).toEqual({ id: '', text: '"no region"', start: 7, end: 8 });
    expect(cueTexts(importVtt('header-regions')).some((c) => c.text.includes('REGION'))).toBe(false);
  });

  // regions-edge-case.vtt has no .test here: its four cue blocks each hold `text`; the REGION blocks and
  // stray `-->` lines around them must not become cues.
  it('regions-edge-case (4 cues)', () => {
    expect(cueTexts(importVtt('regions-edge-case'))).toEqual(Array.from({ length: 4 }, () => ({ id: '', text: 'text', start: 0, end: 1 })));
  });

  // WPT's signature-invalid.html expects these to fail loading (plus the other bad signatures in support/).
  const invalid = readdirSync(path.join(root, 'support'))
    .filter((f) => f.endsWith('.vtt'))
    .sort();
  it('has the 11 files with a bad or missing signature', () => {
    expect(invalid).toEqual([
      'empty.vtt',
      'signature-formfeed.vtt',
      'signature-invalid-whitespace.vtt',
      'signature-invalid.vtt',
      'signature-lowercase.vtt',
      'signature-missing-whitespace.vtt',
      'signature-missing.vtt',
      'signature-null.vtt',
      'signature-partial.vtt',
      'signature-two-boms.vtt',
      'signature-websrt.vtt',
    ]);
  });
  it.each(invalid)('rejects %s with an error naming the file and line 1', (file) => {
    const result = parseTranscript(file, readFileSync(path.join(root, 'support', file)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(new RegExp(`^${file.replace('.', '\\.')}: line 1: `));
  });
});
