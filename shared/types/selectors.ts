// W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors), as stored on passages
// and exported in annotations.jsonld.

/** The exact words of a passage with up to 32 characters of context on each side. */
export interface TextQuoteSelector {
  /** W3C selector type. */
  type: 'TextQuoteSelector';
  /** The selected text, verbatim from the source text; never empty. */
  exact: string;
  /** Up to 32 characters of the source text before `exact`. */
  prefix: string;
  /** Up to 32 characters of the source text after `exact`. */
  suffix: string;
}

/** Offsets of a passage in the source text, `[start, end)`. */
export interface TextPositionSelector {
  /** W3C selector type. */
  type: 'TextPositionSelector';
  /** First character, zero-based, inclusive. */
  start: number;
  /** Character after the last, exclusive. */
  end: number;
}

/** `conformsTo` of a PDF fragment (`page=N`, RFC 8118 / RFC 3778). */
export const PDF_FRAGMENT_SPEC = 'http://tools.ietf.org/rfc/rfc3778';
/** `conformsTo` of a media fragment (`t=start,end`, W3C Media Fragments). */
export const MEDIA_FRAGMENT_SPEC = 'http://www.w3.org/TR/media-frags/';

/** A fragment of the source: `page=N` (1-based) for PDFs, `t=start,end` (seconds) for recordings. */
export interface FragmentSelector {
  /** W3C selector type. */
  type: 'FragmentSelector';
  /** The fragment specification the value follows. */
  conformsTo: typeof PDF_FRAGMENT_SPEC | typeof MEDIA_FRAGMENT_SPEC;
  /** `page=3` or `t=12.5,18`. */
  value: string;
}

/** The selectors every passage carries. */
export interface PassageSelectors {
  /** The words and their context; used for re-anchoring. */
  quote: TextQuoteSelector;
  /** Offsets into the source text; tried first when re-anchoring. */
  position: TextPositionSelector;
  /** Page or time fragment where the passage starts (and ends, for time). */
  fragment: FragmentSelector;
}
