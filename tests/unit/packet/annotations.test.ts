import fs from 'node:fs';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { selectorProblem, toAnnotationCollection, uuidFromName, type EvidenceAnnotation } from '../../../shared/packet/annotations.ts';
import { MEDIA_FRAGMENT_SPEC, PDF_FRAGMENT_SPEC } from '../../../shared/types/selectors.ts';
import { makeWorkspace } from './fixture.ts';
import { ANNOTATION_SUITE } from './helpers.ts';

const readJson = (p: string): Record<string, unknown> => JSON.parse(fs.readFileSync(p, 'utf8')) as Record<string, unknown>;

/** Compiles every assertion of a .test file as the suite's harness does: draft-04, definitions by id, the assertion's own id removed. */
function assertionsOf(testFile: string) {
  const test = readJson(path.join(ANNOTATION_SUITE, testFile)) as { assertions: string[] };
  const definitions = fs.readdirSync(path.join(ANNOTATION_SUITE, 'definitions')).map((f) => readJson(path.join(ANNOTATION_SUITE, 'definitions', f)));
  return test.assertions.map((rel) => {
    const schema = readJson(path.join(ANNOTATION_SUITE, rel));
    delete schema.id;
    const ajv = new Ajv04({ strict: false, allErrors: true });
    for (const d of definitions) ajv.addSchema(d);
    return { rel, expected: schema.expectedResult, message: schema.errorMessage, validate: ajv.compile(schema) };
  });
}

function annotations(): EvidenceAnnotation[] {
  const w = makeWorkspace('AAAA');
  const rows = w.evidence.map((evidence) => {
    const passage = w.passages.find((p) => p.id === evidence.passageId)!;
    return { evidence, passage, claim: w.claims.find((c) => c.id === evidence.claimId)!, source: w.sources.find((s) => s.sha256 === passage.sourceSha256)! };
  });
  return toAnnotationCollection(w.workspace, rows).first.items;
}

describe('exported annotations against the W3C annotation-model suite', () => {
  const assertions = assertionsOf('annotations/annotationMusts.test');
  it('loads every assertion of annotationMusts.test', () => expect(assertions.length).toBe(54));
  const items = annotations();
  for (const a of assertions) {
    it(`passes ${a.rel}`, () => {
      expect(a.expected).toBe('valid');
      for (const item of items) {
        const valid = a.validate(JSON.parse(JSON.stringify(item)));
        expect(valid ? 'valid' : `${String(a.message)} ${JSON.stringify(a.validate.errors)}`).toBe('valid');
      }
    });
  }
  it('detects a broken annotation (the harness can fail)', () => {
    const broken = JSON.parse(JSON.stringify(items[0])) as Record<string, unknown>;
    broken['@context'] = 'http://example.org/not-anno';
    expect(assertions.some((a) => !a.validate(broken))).toBe(true);
  });
});

describe('annotation content', () => {
  const items = annotations();
  it('targets the source by urn:sha256 with quote, position and fragment selectors, all valid', () => {
    for (const item of items) {
      expect(item.target.source).toMatch(/^urn:sha256:[0-9a-f]{64}$/);
      expect(selectorProblem(item.target.selector)).toBeNull();
    }
    expect(items[0]!.target.selector[2]).toEqual({ type: 'FragmentSelector', conformsTo: PDF_FRAGMENT_SPEC, value: 'page=1' });
  });
  it('carries the claim, the relation and the note as bodies, and a motivation per relation', () => {
    expect(items[0]!.motivation).toBe('assessing');
    expect(items[0]!.body.map((b) => b.purpose)).toEqual(['linking', 'tagging']);
    expect(items[1]!.motivation).toBe('linking');
    expect(items[1]!.body.map((b) => [b.purpose, b.value])).toEqual([
      ['linking', 'Officials said "the levee held".'],
      ['tagging', 'context'],
      ['commenting', 'Officials "insisted"; <b>not</b> said'],
    ]);
    expect(items[1]!.creator).toEqual({ type: 'Software', name: 'auto-check' });
  });
  it('gives stable RFC 4122-shaped ids', () => {
    expect(uuidFromName('x')).toBe(uuidFromName('x'));
    expect(uuidFromName('x')).not.toBe(uuidFromName('y'));
    expect(items[0]!.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('flags invalid selector values', () => {
    const [q, p] = items[0]!.target.selector;
    const frag = (conformsTo: string, value: string) => ({ type: 'FragmentSelector', conformsTo, value }) as never;
    expect(selectorProblem([q, p, frag(PDF_FRAGMENT_SPEC, 'page=0')])).toMatch(/page=N/);
    expect(selectorProblem([q, p, frag(MEDIA_FRAGMENT_SPEC, 't=5,2')])).toMatch(/starts after it ends/);
    expect(selectorProblem([q, p, frag(MEDIA_FRAGMENT_SPEC, 't=2,5')])).toBeNull();
    expect(selectorProblem([{ ...q, exact: '' }, p, frag(PDF_FRAGMENT_SPEC, 'page=1')])).toMatch(/empty/);
    expect(selectorProblem([q, { ...p, end: p.start }, frag(PDF_FRAGMENT_SPEC, 'page=1')])).toMatch(/non-empty/);
  });
});
