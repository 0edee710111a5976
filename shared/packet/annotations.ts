// W3C Web Annotations (https://www.w3.org/TR/annotation-model/) for a packet's evidence: one annotation per
// evidence item, targeting the source passage by content hash, with the claim as its body.
//
// Motivation: an evidence item is the fact-checker's judgement of a claim against a source, so
// `supports` and `contradicts` are `assessing`; `context` passes no judgement and only connects the
// passage to the claim, so it is `linking`. The bodies carry their own purposes: the claim text is the
// resource the passage is linked to (`linking`), the relation is a tag (`tagging`), the note a comment.
import { sha256Bytes, toUtf8 } from '../hash.ts';
import type { Claim, Evidence, EvidenceRelation, Passage, Source } from '../types/domain.ts';
import type { FragmentSelector, TextPositionSelector, TextQuoteSelector } from '../types/selectors.ts';

/** The Web Annotation JSON-LD context. */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** The name the annotations give as their generator. */
export const ANNOTATION_GENERATOR_NAME = 'Provenance Desk';

/** Motivation of an evidence annotation, by relation (see the module comment for why). */
export const MOTIVATION_BY_RELATION: Readonly<Record<EvidenceRelation, 'assessing' | 'linking'>> = {
  supports: 'assessing',
  contradicts: 'assessing',
  context: 'linking',
};

/** An embedded textual body. */
export interface TextualBody {
  /** W3C body type. */
  type: 'TextualBody';
  /** The text. */
  value: string;
  /** Media type of the text. */
  format: 'text/plain';
  /** Why this body is there: the claim (`linking`), the relation (`tagging`), the note (`commenting`). */
  purpose: 'linking' | 'tagging' | 'commenting';
}

/** The creator of an annotation: a person, or the headless checker. */
export interface AnnotationAgent {
  /** Person, or Software for the `auto-check` actor. */
  type: 'Person' | 'Software';
  /** The ledger actor's name. */
  name: string;
}

/** The passage an annotation points at: a source by content hash, with equivalent selectors. */
export interface AnnotationTarget {
  /** `urn:sha256:<hex>` of the source file's bytes. */
  source: string;
  /** Quote, position (into the extracted source text) and page/time fragment, alternatives for one span. */
  selector: [TextQuoteSelector, TextPositionSelector, FragmentSelector];
}

/** One exported W3C Web Annotation. */
export interface EvidenceAnnotation {
  /** The Web Annotation context. */
  '@context': typeof ANNOTATION_CONTEXT;
  /** `urn:uuid:…`, stable for the evidence id. */
  id: string;
  /** W3C type. */
  type: 'Annotation';
  /** ISO 8601 time the evidence was attached. */
  created: string;
  /** Who attached it. */
  creator: AnnotationAgent;
  /** The app that wrote the annotation. */
  generator: { type: 'Software'; name: string };
  /** assessing or linking. */
  motivation: 'assessing' | 'linking';
  /** The claim, the relation, and the note when there is one. */
  body: TextualBody[];
  /** The source passage. */
  target: AnnotationTarget;
}

/** The collection written to `data/annotations.jsonld`. */
export interface AnnotationCollection {
  /** The Web Annotation context. */
  '@context': typeof ANNOTATION_CONTEXT;
  /** `urn:uuid:…`, stable for the workspace. */
  id: string;
  /** W3C type. */
  type: 'AnnotationCollection';
  /** The workspace name. */
  label: string;
  /** Number of annotations. */
  total: number;
  /** The one page holding every annotation. */
  first: { type: 'AnnotationPage'; startIndex: 0; items: EvidenceAnnotation[] };
}

/** The rows one evidence annotation is made from. */
export interface EvidenceRows {
  /** The evidence item. */
  evidence: Evidence;
  /** Its passage. */
  passage: Passage;
  /** The claim it bears on. */
  claim: Claim;
  /** The passage's source. */
  source: Source;
}

/** The actor name of the headless checker, whose annotations have a Software creator. */
export const AUTO_CHECK_ACTOR = 'auto-check';

/** A name-based UUID (version 8, SHA-256 of the name): the same name always gives the same id; never throws. */
export function uuidFromName(name: string): string {
  const b = sha256Bytes(toUtf8(`provenance-desk:${name}`)).slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The W3C annotation of one evidence item; never throws (rows are assumed consistent: passage, claim and source of this evidence). */
export function toAnnotation(workspaceId: string, rows: EvidenceRows): EvidenceAnnotation {
  const { evidence, passage, claim, source } = rows;
  const body: TextualBody[] = [
    { type: 'TextualBody', value: claim.text, format: 'text/plain', purpose: 'linking' },
    { type: 'TextualBody', value: evidence.relation, format: 'text/plain', purpose: 'tagging' },
  ];
  if (evidence.note.trim() !== '') body.push({ type: 'TextualBody', value: evidence.note, format: 'text/plain', purpose: 'commenting' });
  return {
    '@context': ANNOTATION_CONTEXT,
    id: `urn:uuid:${uuidFromName(`${workspaceId}/evidence/${evidence.id}`)}`,
    type: 'Annotation',
    created: evidence.attachedAt,
    creator: { type: evidence.actor === AUTO_CHECK_ACTOR ? 'Software' : 'Person', name: evidence.actor },
    generator: { type: 'Software', name: ANNOTATION_GENERATOR_NAME },
    motivation: MOTIVATION_BY_RELATION[evidence.relation],
    body,
    target: {
      source: `urn:sha256:${source.sha256}`,
      selector: [passage.selectors.quote, passage.selectors.position, passage.selectors.fragment],
    },
  };
}

/** The AnnotationCollection of a workspace's evidence, in the order given; never throws. */
export function toAnnotationCollection(workspace: { id: string; name: string }, rows: EvidenceRows[]): AnnotationCollection {
  const items = rows.map((r) => toAnnotation(workspace.id, r));
  return {
    '@context': ANNOTATION_CONTEXT,
    id: `urn:uuid:${uuidFromName(`${workspace.id}/annotations`)}`,
    type: 'AnnotationCollection',
    label: workspace.name,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

/** Why a selector set is not valid (`page=N` with N ≥ 1, `t=s,e` with 0 ≤ s ≤ e, non-empty exact, 0 ≤ start < end, exact length = end − start), or null. */
export function selectorProblem(selectors: AnnotationTarget['selector']): string | null {
  const [quote, position, fragment] = selectors;
  if (quote.type !== 'TextQuoteSelector' || quote.exact.length === 0) return 'TextQuoteSelector exact is empty';
  if (position.type !== 'TextPositionSelector' || !Number.isInteger(position.start) || !Number.isInteger(position.end) || position.start < 0 || position.end <= position.start) {
    return `TextPositionSelector [${position.start}, ${position.end}) is not a non-empty range`;
  }
  if (position.end - position.start !== quote.exact.length) return `TextPositionSelector length ${position.end - position.start} differs from the quote's ${quote.exact.length} characters`;
  if (fragment.type !== 'FragmentSelector') return 'third selector is not a FragmentSelector';
  if (fragment.conformsTo === 'http://tools.ietf.org/rfc/rfc3778') {
    const m = /^page=([1-9][0-9]*)$/.exec(fragment.value);
    if (!m) return `PDF fragment "${fragment.value}" is not page=N with N ≥ 1`;
    return null;
  }
  if (fragment.conformsTo === 'http://www.w3.org/TR/media-frags/') {
    const m = /^t=([0-9]+(?:\.[0-9]+)?),([0-9]+(?:\.[0-9]+)?)$/.exec(fragment.value);
    if (!m) return `media fragment "${fragment.value}" is not t=start,end in seconds`;
    if (Number(m[1]) > Number(m[2])) return `media fragment "${fragment.value}" starts after it ends`;
    return null;
  }
  return `fragment conformsTo "${String(fragment.conformsTo)}" is neither the PDF nor the media fragment spec`;
}
