// The sample workspace (issue 8, item 5): a short draft and its sources, all made here from public-domain
// text, so the project can ship them under CC0. Run `npx tsx scripts/make-sample.ts` to rewrite
// resources/sample/. Everything but the recording is a pure function of this file (the tests regenerate
// it and compare bytes); the recording is espeak-ng's, so its bytes may change with espeak-ng's version,
// and the transcript's cue times are measured from it (each sentence synthesised alone, its length read
// with soxi, the pieces joined with sox), so the times are true of the WAV beside them.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------------------------------
// A small PDF writer: base-14 Helvetica (no embedding) in WinAnsiEncoding, one content stream per page,
// an Info dictionary, optional /PageLabels, and a classic cross-reference table with byte offsets.

/** Helvetica advance widths (Adobe's AFM, 1/1000 em) for WinAnsi codes 32–126. */
const HELVETICA_ASCII = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/** The non-ASCII characters the sample uses: their WinAnsiEncoding code and Helvetica width. */
const WIN_ANSI_EXTRA: Record<string, [code: number, width: number]> = {
  '\u2018': [0x91, 222],
  '\u2019': [0x92, 222],
  '\u201C': [0x93, 333],
  '\u201D': [0x94, 333],
  '\u2013': [0x96, 556],
  '\u2014': [0x97, 1000],
};

/** The WinAnsiEncoding code of a character; throws for one the sample's fonts cannot show. */
function winAnsiCode(c: string): number {
  const code = c.charCodeAt(0);
  if (c.length === 1 && code >= 32 && code <= 126) return code;
  const extra = WIN_ANSI_EXTRA[c];
  if (!extra) throw new Error(`make-sample: no WinAnsiEncoding code for ${JSON.stringify(c)}`);
  return extra[0];
}

/** Width of `s` in points at `size` (Helvetica metrics; used for the bold face too, which is close enough to wrap by). */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const c of s) {
    const code = winAnsiCode(c);
    w += code <= 126 ? (HELVETICA_ASCII[code - 32] ?? 556) : (WIN_ANSI_EXTRA[c]?.[1] ?? 556);
  }
  return (w * size) / 1000;
}

/** A PDF literal string of `s` in WinAnsiEncoding; bytes outside ASCII are octal escapes, so the file stays ASCII. */
function pdfString(s: string): string {
  let out = '(';
  for (const c of s) {
    const code = winAnsiCode(c);
    if (c === '(' || c === ')' || c === '\\') out += '\\' + c;
    else if (code > 126) out += '\\' + code.toString(8).padStart(3, '0');
    else out += c;
  }
  return out + ')';
}

/** One line of text placed on a page. */
export interface PlacedLine {
  /** The text (WinAnsi characters only). */
  text: string;
  /** Left edge, points from the page's left. */
  x: number;
  /** Baseline, points from the page's bottom. */
  y: number;
  /** Font size in points. */
  size: number;
  /** Helvetica-Bold instead of Helvetica. */
  bold?: boolean;
}

/** What writePdf needs: pages of placed lines, document info, optional page-label ranges. */
export interface PdfDocument {
  /** Info dictionary /Title. */
  title: string;
  /** Info dictionary /Author. */
  author: string;
  /** Info dictionary /Subject. */
  subject: string;
  /** Pages in order, each a list of lines in reading order. */
  pages: PlacedLine[][];
  /** /PageLabels ranges: from page index `start`, style `r` (lower roman) or `D` (decimal) starting at 1. */
  labels?: { start: number; style: 'r' | 'D' }[];
}

/** Letter paper, in points. */
export const PAGE_WIDTH = 612;
export const PAGE_HEIGHT = 792;

/** Serialises a document to PDF 1.4 bytes; deterministic (no dates, the /ID is a hash of the body); throws on text the fonts cannot show. */
export function writePdf(doc: PdfDocument): Uint8Array {
  const objects: string[] = []; // objects[n - 1] is object n's body
  const add = (body: string): number => objects.push(body);
  const catalog = add(''); // filled in once the page tree's number is known
  const pagesId = add('');
  const regular = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const info = add(
    `<< /Title ${pdfString(doc.title)} /Author ${pdfString(doc.author)} /Subject ${pdfString(doc.subject)} ` +
      `/Creator (Provenance Desk scripts/make-sample.ts) /Producer (Provenance Desk scripts/make-sample.ts) >>`,
  );
  const kids: number[] = [];
  for (const lines of doc.pages) {
    const ops: string[] = ['BT'];
    for (const l of lines) {
      ops.push(`/${l.bold ? 'F2' : 'F1'} ${l.size} Tf 1 0 0 1 ${l.x.toFixed(2)} ${l.y.toFixed(2)} Tm ${pdfString(l.text)} Tj`);
    }
    ops.push('ET');
    const content = ops.join('\n');
    const contentId = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
          `/Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> /Contents ${contentId} 0 R >>`,
      ),
    );
  }
  objects[pagesId - 1] = `<< /Type /Pages /Count ${kids.length} /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] >>`;
  const labels = doc.labels ? ` /PageLabels << /Nums [${doc.labels.map((r) => `${r.start} << /S /${r.style} >>`).join(' ')}] >>` : '';
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R${labels} >>`;

  // Every byte is ASCII except the binary-marker comment (latin1, one byte per char), so string offsets
  // are byte offsets.
  let out = '%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const id = createHash('md5').update(out, 'latin1').digest('hex').toUpperCase();
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

// ---------------------------------------------------------------------------------------------------
// Layout: paragraphs wrapped greedily at spaces into a text block, flowed over pages, with a running head
// and the printed page number (the page's label) at the foot.

const MARGIN = 72;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const BODY_TOP = 700;
const BODY_BOTTOM = 90;

/** Lines of at most `width` points, broken at spaces (never inside a word, never hyphenated). */
export function wrap(text: string, size: number, width = TEXT_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && textWidth(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A block of the flowed text: a paragraph, or a line to set centred (a heading, a signature). */
export interface Block {
  /** The paragraph's words, one string. */
  text: string;
  /** Centre each line instead of setting it flush left. */
  center?: boolean;
  /** Bold face. */
  bold?: boolean;
  /** Space before the block, in points (paragraph spacing). */
  before?: number;
}

/** Flows blocks over as many pages as they need; each page gets `head` at the top and its label at the foot. */
export function flow(blocks: Block[], opts: { size: number; leading: number; head: string; labels: string[] }): PlacedLine[][] {
  const pages: PlacedLine[][] = [];
  let page: PlacedLine[] = [];
  let y = BODY_TOP;
  const newPage = (): void => {
    pages.push(page);
    page = [];
    y = BODY_TOP;
  };
  for (const b of blocks) {
    const before = b.before ?? opts.leading / 2;
    if (page.length > 0) y -= before;
    for (const text of wrap(b.text, opts.size)) {
      if (y < BODY_BOTTOM) newPage();
      const x = b.center ? (PAGE_WIDTH - textWidth(text, opts.size)) / 2 : MARGIN;
      page.push({ text, x, y, size: opts.size, ...(b.bold ? { bold: true } : {}) });
      y -= opts.leading;
    }
  }
  if (page.length > 0) pages.push(page);
  return pages.map((lines, i) => decorate(lines, opts.head, opts.labels[i] ?? String(i + 1)));
}

/** A page's lines with its running head first and its printed page number last (so they read in that order). */
function decorate(lines: PlacedLine[], head: string, label: string): PlacedLine[] {
  const headLine: PlacedLine = { text: head, x: (PAGE_WIDTH - textWidth(head, 9)) / 2, y: 740, size: 9 };
  const foot: PlacedLine = { text: label, x: (PAGE_WIDTH - textWidth(label, 10)) / 2, y: 50, size: 10 };
  return [...(head ? [headLine] : []), ...lines, foot];
}

/** Lower-case roman numerals for 1–39 (front matter is short). */
function roman(n: number): string {
  const tens = ['', 'x', 'xx', 'xxx'][Math.floor(n / 10)] ?? '';
  const ones = ['', 'i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix'][n % 10] ?? '';
  return tens + ones;
}

// ---------------------------------------------------------------------------------------------------
// Source 1: the Declaration of Independence, after the U.S. National Archives' transcription of the
// engrossed parchment (public domain), signatures omitted. Front matter numbered i, ii; the text from 1.

/** The Declaration's text, one paragraph per entry (each grievance its own paragraph, as in the parchment's lines). */
export const DECLARATION: readonly string[] = [
  'In Congress, July 4, 1776.',
  'The unanimous Declaration of the thirteen united States of America,',
  "When in the Course of human events, it becomes necessary for one people to dissolve the political bands which have connected them with another, and to assume among the powers of the earth, the separate and equal station to which the Laws of Nature and of Nature's God entitle them, a decent respect to the opinions of mankind requires that they should declare the causes which impel them to the separation.",
  'We hold these truths to be self-evident, that all men are created equal, that they are endowed by their Creator with certain unalienable Rights, that among these are Life, Liberty and the pursuit of Happiness.--That to secure these rights, Governments are instituted among Men, deriving their just powers from the consent of the governed, --That whenever any Form of Government becomes destructive of these ends, it is the Right of the People to alter or to abolish it, and to institute new Government, laying its foundation on such principles and organizing its powers in such form, as to them shall seem most likely to effect their Safety and Happiness. Prudence, indeed, will dictate that Governments long established should not be changed for light and transient causes; and accordingly all experience hath shewn, that mankind are more disposed to suffer, while evils are sufferable, than to right themselves by abolishing the forms to which they are accustomed. But when a long train of abuses and usurpations, pursuing invariably the same Object evinces a design to reduce them under absolute Despotism, it is their right, it is their duty, to throw off such Government, and to provide new Guards for their future security.--Such has been the patient sufferance of these Colonies; and such is now the necessity which constrains them to alter their former Systems of Government. The history of the present King of Great Britain is a history of repeated injuries and usurpations, all having in direct object the establishment of an absolute Tyranny over these States. To prove this, let Facts be submitted to a candid world.',
  'He has refused his Assent to Laws, the most wholesome and necessary for the public good.',
  'He has forbidden his Governors to pass Laws of immediate and pressing importance, unless suspended in their operation till his Assent should be obtained; and when so suspended, he has utterly neglected to attend to them.',
  'He has refused to pass other Laws for the accommodation of large districts of people, unless those people would relinquish the right of Representation in the Legislature, a right inestimable to them and formidable to tyrants only.',
  'He has called together legislative bodies at places unusual, uncomfortable, and distant from the depository of their public Records, for the sole purpose of fatiguing them into compliance with his measures.',
  'He has dissolved Representative Houses repeatedly, for opposing with manly firmness his invasions on the rights of the people.',
  'He has refused for a long time, after such dissolutions, to cause others to be elected; whereby the Legislative powers, incapable of Annihilation, have returned to the People at large for their exercise; the State remaining in the mean time exposed to all the dangers of invasion from without, and convulsions within.',
  'He has endeavoured to prevent the population of these States; for that purpose obstructing the Laws for Naturalization of Foreigners; refusing to pass others to encourage their migrations hither, and raising the conditions of new Appropriations of Lands.',
  'He has obstructed the Administration of Justice, by refusing his Assent to Laws for establishing Judiciary powers.',
  'He has made Judges dependent on his Will alone, for the tenure of their offices, and the amount and payment of their salaries.',
  'He has erected a multitude of New Offices, and sent hither swarms of Officers to harrass our people, and eat out their substance.',
  'He has kept among us, in times of peace, Standing Armies without the Consent of our legislatures.',
  'He has affected to render the Military independent of and superior to the Civil power.',
  'He has combined with others to subject us to a jurisdiction foreign to our constitution, and unacknowledged by our laws; giving his Assent to their Acts of pretended Legislation:',
  'For Quartering large bodies of armed troops among us:',
  'For protecting them, by a mock Trial, from punishment for any Murders which they should commit on the Inhabitants of these States:',
  'For cutting off our Trade with all parts of the world:',
  'For imposing Taxes on us without our Consent:',
  'For depriving us in many cases, of the benefits of Trial by Jury:',
  'For transporting us beyond Seas to be tried for pretended offences',
  'For abolishing the free System of English Laws in a neighbouring Province, establishing therein an Arbitrary government, and enlarging its Boundaries so as to render it at once an example and fit instrument for introducing the same absolute rule into these Colonies:',
  'For taking away our Charters, abolishing our most valuable Laws, and altering fundamentally the Forms of our Governments:',
  'For suspending our own Legislatures, and declaring themselves invested with power to legislate for us in all cases whatsoever.',
  'He has abdicated Government here, by declaring us out of his Protection and waging War against us.',
  'He has plundered our seas, ravaged our Coasts, burnt our towns, and destroyed the lives of our people.',
  'He is at this time transporting large Armies of foreign Mercenaries to compleat the works of death, desolation and tyranny, already begun with circumstances of Cruelty & perfidy scarcely paralleled in the most barbarous ages, and totally unworthy the Head of a civilized nation.',
  'He has constrained our fellow Citizens taken Captive on the high Seas to bear Arms against their Country, to become the executioners of their friends and Brethren, or to fall themselves by their Hands.',
  'He has excited domestic insurrections amongst us, and has endeavoured to bring on the inhabitants of our frontiers, the merciless Indian Savages, whose known rule of warfare, is an undistinguished destruction of all ages, sexes and conditions.',
  'In every stage of these Oppressions We have Petitioned for Redress in the most humble terms: Our repeated Petitions have been answered only by repeated injury. A Prince whose character is thus marked by every act which may define a Tyrant, is unfit to be the ruler of a free people.',
  'Nor have We been wanting in attentions to our Brittish brethren. We have warned them from time to time of attempts by their legislature to extend an unwarrantable jurisdiction over us. We have reminded them of the circumstances of our emigration and settlement here. We have appealed to their native justice and magnanimity, and we have conjured them by the ties of our common kindred to disavow these usurpations, which, would inevitably interrupt our connections and correspondence. They too have been deaf to the voice of justice and of consanguinity. We must, therefore, acquiesce in the necessity, which denounces our Separation, and hold them, as we hold the rest of mankind, Enemies in War, in Peace Friends.',
  'We, therefore, the Representatives of the united States of America, in General Congress, Assembled, appealing to the Supreme Judge of the world for the rectitude of our intentions, do, in the Name, and by Authority of the good People of these Colonies, solemnly publish and declare, That these United Colonies are, and of Right ought to be Free and Independent States; that they are Absolved from all Allegiance to the British Crown, and that all political connection between them and the State of Great Britain, is and ought to be totally dissolved; and that as Free and Independent States, they have full Power to levy War, conclude Peace, contract Alliances, establish Commerce, and to do all other Acts and Things which Independent States may of right do. And for the support of this Declaration, with a firm reliance on the protection of divine Providence, we mutually pledge to each other our Lives, our Fortunes and our sacred Honor.',
];

/** The project's note on its edition of the Declaration (CC0), set on page ii. */
export const DECLARATION_NOTE: readonly string[] = [
  'This edition was set by the Provenance Desk project as a sample source for fact-checkers. It reproduces the text of the engrossed copy of the Declaration after the transcription published by the U.S. National Archives, keeping the spelling, capitals and punctuation of the original, such as "hath shewn", "compleat" and "Brittish". The text itself is in the public domain; this edition is dedicated to the public domain under CC0 1.0.',
  'The signatures of the delegates are omitted. The Declaration begins on page 1; the pages before it are numbered in roman numerals, so the page numbers printed on the pages differ from the page numbers a PDF viewer counts.',
];

/** The Declaration as a five-page PDF: title page (i), note (ii), the text on pages 1 to 3. */
export function makeDeclarationPdf(): Uint8Array {
  const title: PlacedLine[] = [
    { text: 'Declaration of Independence', x: 0, y: 560, size: 26, bold: true },
    { text: 'In Congress, July 4, 1776', x: 0, y: 520, size: 14 },
    { text: 'A Provenance Desk sample source', x: 0, y: 200, size: 11 },
    { text: 'Set from the public-domain text; this edition is dedicated to the public domain (CC0 1.0).', x: 0, y: 184, size: 9 },
  ].map((l) => ({ ...l, x: (PAGE_WIDTH - textWidth(l.text, l.size)) / 2 }));
  const note: PlacedLine[] = [{ text: 'Note on this edition', x: MARGIN, y: BODY_TOP, size: 14, bold: true }];
  let y = BODY_TOP - 30;
  for (const para of DECLARATION_NOTE) {
    for (const text of wrap(para, 11)) {
      note.push({ text, x: MARGIN, y, size: 11 });
      y -= 15;
    }
    y -= 8;
  }
  const front = [title, note].map((lines, i) => decorate(lines, '', roman(i + 1)));
  const blocks: Block[] = DECLARATION.map((text, i) => ({
    text,
    ...(i < 2 ? { center: true, bold: true } : {}),
    ...(i === 2 ? { before: 16 } : {}),
  }));
  const body = flow(blocks, { size: 11, leading: 15, head: 'Declaration of Independence', labels: ['1', '2', '3', '4', '5'] });
  return writePdf({
    title: 'Declaration of Independence',
    author: 'Second Continental Congress',
    subject: 'The unanimous Declaration of the thirteen united States of America, July 4, 1776 (Provenance Desk sample source)',
    pages: [...front, ...body],
    labels: [
      { start: 0, style: 'r' },
      { start: front.length, style: 'D' },
    ],
  });
}

// ---------------------------------------------------------------------------------------------------
// Source 2: the Gettysburg Address, Bliss copy (public domain), in a large-print reading edition: a title
// page with a note, then the address over two pages. No page labels: printed numbers are the PDF's.

/** The Bliss copy, one paragraph per entry; the last two are the signature and date. */
export const GETTYSBURG: readonly string[] = [
  'Four score and seven years ago our fathers brought forth on this continent, a new nation, conceived in Liberty, and dedicated to the proposition that all men are created equal.',
  'Now we are engaged in a great civil war, testing whether that nation, or any nation so conceived and so dedicated, can long endure. We are met on a great battle-field of that war. We have come to dedicate a portion of that field, as a final resting place for those who here gave their lives that that nation might live. It is altogether fitting and proper that we should do this.',
  'But, in a larger sense, we can not dedicate\u2014we can not consecrate\u2014we can not hallow\u2014this ground. The brave men, living and dead, who struggled here, have consecrated it, far above our poor power to add or detract. The world will little note, nor long remember what we say here, but it can never forget what they did here. It is for us the living, rather, to be dedicated here to the unfinished work which they who fought here have thus far so nobly advanced. It is rather for us to be here dedicated to the great task remaining before us\u2014that from these honored dead we take increased devotion to that cause for which they gave the last full measure of devotion\u2014that we here highly resolve that these dead shall not have died in vain\u2014that this nation, under God, shall have a new birth of freedom\u2014and that government of the people, by the people, for the people, shall not perish from the earth.',
  'Abraham Lincoln.',
  'November 19, 1863.',
];

/** The project's head note to its edition of the address (CC0), on page 1. */
export const GETTYSBURG_NOTE =
  'Abraham Lincoln delivered this address at the dedication of the Soldiers\u2019 National Cemetery at Gettysburg, Pennsylvania. Five manuscript copies in his hand survive, and they differ in small ways. This reading edition, set by the Provenance Desk project as a sample source, follows the Bliss copy, the last he wrote out and the only one he signed and dated. The text is in the public domain; this edition is dedicated to the public domain under CC0 1.0.';

/** The address as a three-page PDF: title and note on page 1, the address on pages 2 and 3. */
export function makeGettysburgPdf(): Uint8Array {
  const first: PlacedLine[] = [
    { text: 'Gettysburg Address', x: 0, y: 600, size: 26, bold: true },
    { text: 'Abraham Lincoln, November 19, 1863', x: 0, y: 565, size: 14 },
  ].map((l) => ({ ...l, x: (PAGE_WIDTH - textWidth(l.text, l.size)) / 2 }));
  let y = 480;
  for (const text of wrap(GETTYSBURG_NOTE, 11)) {
    first.push({ text, x: MARGIN, y, size: 11 });
    y -= 15;
  }
  const blocks: Block[] = GETTYSBURG.map((text, i) => ({ text, ...(i >= 3 ? { before: i === 3 ? 24 : 0 } : { before: 14 }) }));
  const body = flow(blocks, { size: 18, leading: 27, head: 'Gettysburg Address', labels: ['2', '3', '4', '5'] });
  return writePdf({
    title: 'Gettysburg Address',
    author: 'Abraham Lincoln',
    subject: 'Address delivered at the dedication of the cemetery at Gettysburg, Bliss copy (Provenance Desk sample source)',
    pages: [decorate(first, '', '1'), ...body],
  });
}

// ---------------------------------------------------------------------------------------------------
// Source 3: a recording. espeak-ng reads the end of Darwin's On the Origin of Species (1st edition, 1859,
// public domain), introduced by one sentence of the project's; one cue per sentence.

/** The sentences spoken, in order; each becomes one cue. */
export const SPOKEN_SENTENCES: readonly string[] = [
  'From the last paragraph of On the Origin of Species, by Charles Darwin, first published in 1859.',
  'Thus, from the war of nature, from famine and death, the most exalted object which we are capable of conceiving, namely, the production of the higher animals, directly follows.',
  'There is grandeur in this view of life, with its several powers, having been originally breathed into a few forms or into one; and that, whilst this planet has gone cycling on according to the fixed law of gravity, from so simple a beginning endless forms most beautiful and most wonderful have been, and are being, evolved.',
];
/** The voice-span speaker of every cue. */
export const SPEAKER = 'Narrator';
/** Silence between sentences in the recording, in seconds. */
export const GAP_SECONDS = 0.5;
/** Sample rate of the committed recording (16 kHz mono, 16-bit: small and enough for speech). */
export const SAMPLE_RATE = 16_000;

function timestamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Cue [start, end] times for sentences of the given durations laid end to end with GAP_SECONDS between them. */
export function cueTimes(durations: readonly number[]): [number, number][] {
  let t = 0;
  return durations.map((d, i) => {
    const start = t + (i > 0 ? GAP_SECONDS : 0);
    t = start + d;
    return [start, t];
  });
}

/** The WebVTT transcript for sentences of the given durations (seconds, one per SPOKEN_SENTENCES entry) synthesised by `synthesizer` (its version line); throws when the counts differ. */
export function makeVtt(durations: readonly number[], synthesizer: string): string {
  if (durations.length !== SPOKEN_SENTENCES.length) throw new Error(`make-sample: ${durations.length} durations for ${SPOKEN_SENTENCES.length} sentences`);
  const cues = cueTimes(durations).map(([start, end], i) => `${i + 1}\n${timestamp(start)} --> ${timestamp(end)}\n<v ${SPEAKER}>${SPOKEN_SENTENCES[i]}`);
  return ['WEBVTT - On the Origin of Species, closing words, read by espeak-ng (Provenance Desk sample)', `NOTE Public-domain text (Darwin, 1859). Recording and transcript: CC0 1.0.\nSynthesised by ${synthesizer}`, ...cues].join('\n\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------
// The draft and what checking it must find.

/** File names of the sources; each starts with its reference number, so `check` binds them by name. */
export const FILES = {
  declaration: '1 - Declaration of Independence.pdf',
  gettysburg: '2 - Gettysburg Address.pdf',
  recording: '3 - On the Origin of Species (closing words).wav',
  transcript: '3 - On the Origin of Species (closing words).vtt',
} as const;
/** The folder beside the draft that holds the sources (so `check --sources` sees nothing else). */
export const SOURCES_DIR = 'sources';

/** What checking one quotation must find. */
export interface ExpectedQuote {
  /** The quotation as written in the draft. */
  text: string;
  /** found: word for word in the source; misquote: a near miss; not-found: in no source. */
  expect: 'found' | 'misquote' | 'not-found';
  /** The reference the claim cites for it. */
  ref: string | null;
  /** The page label (PDF) where the words really are, or null (transcript, not found). */
  page: string | null;
  /** Zero-based PDF page index where the words really are, or null. */
  pageIndex: number | null;
  /** Zero-based cue index where the words really are (transcript), or null. */
  cue: number | null;
}

/** One sentence of the draft with its markers and what `check` must report. */
export interface SampleClaim {
  /** The sentence as it stands in the draft, markers included. */
  line: string;
  /** Why the sentence is there, for the README's table. */
  exercises: string;
  /** Expected `check` findings (DESIGN.md, CLI: check). */
  findings: ('quote-found' | 'quote-not-found' | 'possible-misquote' | 'page-mismatch' | 'uncited' | 'flagged')[];
  /** Its quotations. */
  quotes: ExpectedQuote[];
}

const q = (text: string, expect: ExpectedQuote['expect'], ref: string | null, where: { page?: string; pageIndex?: number; cue?: number } = {}): ExpectedQuote => ({
  text,
  expect,
  ref,
  page: where.page ?? null,
  pageIndex: where.pageIndex ?? null,
  cue: where.cue ?? null,
});

/** The draft, one sentence a line, with what each must produce. */
export const CLAIMS: readonly SampleClaim[] = [
  {
    line: 'The Declaration of Independence was adopted by the Second Continental Congress on July 4, 1776.[1]: i',
    exercises: 'a cited claim without a quotation (roman page locator, front matter)',
    findings: [],
    quotes: [],
  },
  {
    line: 'Its opening sentence says that "a decent respect to the opinions of mankind requires that they should declare the causes which impel them to the separation."[1]: 1',
    exercises: 'supported: word for word on printed page 1 (PDF page 3)',
    findings: ['quote-found'],
    quotes: [q('a decent respect to the opinions of mankind requires that they should declare the causes which impel them to the separation.', 'found', '1', { page: '1', pageIndex: 2 })],
  },
  {
    line: 'It holds "that all men are created equal, that they are endowed by their Creator with certain unalienable Rights".[1]: 1',
    exercises: 'supported, quotation ending before the sentence does',
    findings: ['quote-found'],
    quotes: [q('that all men are created equal, that they are endowed by their Creator with certain unalienable Rights', 'found', '1', { page: '1', pageIndex: 2 })],
  },
  {
    line: 'Among its grievances against the King is that "He has kept among us, in times of peace, Standing Armies without the Consent of our legislatures."[1]: 4',
    exercises: 'wrong page: the words are on printed page 2, which is the PDF\u2019s 4th page; the marker gives the viewer\u2019s count',
    findings: ['quote-found', 'page-mismatch'],
    quotes: [q('He has kept among us, in times of peace, Standing Armies without the Consent of our legislatures.', 'found', '1', { page: '2', pageIndex: 3 })],
  },
  {
    line: 'Its signers closed by pledging to each other "our Lives, our Fortunes and our sacred Honor."[1]: 3',
    exercises: 'supported on printed page 3 (PDF page 5)',
    findings: ['quote-found'],
    quotes: [q('our Lives, our Fortunes and our sacred Honor.', 'found', '1', { page: '3', pageIndex: 4 })],
  },
  {
    line: 'The sample edition notes that "The signatures of the delegates are omitted."[1]: ii',
    exercises: 'supported in the front matter, roman page locator',
    findings: ['quote-found'],
    quotes: [q('The signatures of the delegates are omitted.', 'found', '1', { page: 'ii', pageIndex: 1 })],
  },
  {
    line: 'Lincoln spoke at the dedication of the Soldiers\u2019 National Cemetery in Gettysburg, Pennsylvania, on November 19, 1863.',
    exercises: 'uncited: no marker',
    findings: ['uncited'],
    quotes: [],
  },
  {
    line: 'He began with "Four score and seven years ago our fathers brought forth on this continent, a new nation, conceived in Liberty".[2]: 2',
    exercises: 'supported: word for word on page 2',
    findings: ['quote-found'],
    quotes: [q('Four score and seven years ago our fathers brought forth on this continent, a new nation, conceived in Liberty', 'found', '2', { page: '2', pageIndex: 1 })],
  },
  {
    line: 'He ended by resolving that "government of the people, by the people, for the people, shall never perish from the earth."[2]: 3',
    exercises: 'misquoted: the address says \u201cshall not perish\u201d',
    findings: ['possible-misquote'],
    quotes: [q('government of the people, by the people, for the people, shall never perish from the earth.', 'misquote', '2', { page: '3', pageIndex: 2 })],
  },
  {
    line: 'He also urged his listeners to "bind up the nation\u2019s wounds".[2]: 3',
    exercises: 'not found: Lincoln\u2019s words, but from his Second Inaugural Address, which is no source here',
    findings: ['quote-not-found'],
    quotes: [q('bind up the nation\u2019s wounds', 'not-found', '2')],
  },
  {
    line: 'The address took barely more than two minutes to deliver.[citation needed]',
    exercises: 'flagged: [citation needed] (and uncited: a flag cites nothing, as `audit` reports it)',
    findings: ['uncited', 'flagged'],
    quotes: [],
  },
  {
    line: 'Darwin ended On the Origin of Species with the thought that "from so simple a beginning endless forms most beautiful and most wonderful have been, and are being, evolved."[3]',
    exercises: 'supported by the recording\u2019s transcript (3rd cue, index 2)',
    findings: ['quote-found'],
    quotes: [q('from so simple a beginning endless forms most beautiful and most wonderful have been, and are being, evolved.', 'found', '3', { cue: 2 })],
  },
  {
    line: 'He called the production of the higher animals "the most exalted object which we are capable of conceiving".[3]',
    exercises: 'supported by the recording\u2019s transcript (2nd cue, index 1)',
    findings: ['quote-found'],
    quotes: [q('the most exalted object which we are capable of conceiving', 'found', '3', { cue: 1 })],
  },
];

/** The draft: one claim a line. */
export function makeDraft(): string {
  return CLAIMS.map((c) => c.line).join('\n') + '\n';
}

/** expected.json: per claim index, the findings `check` must report and where each quotation really is. */
export function makeExpected(): string {
  const doc = {
    version: 1,
    draft: 'draft.txt',
    sources: SOURCES_DIR,
    claims: CLAIMS.map((c, index) => ({ index, text: c.line, findings: c.findings, quotes: c.quotes })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** references.json: CSL-JSON as Zotero exports it, one item per reference number (`id`), titles as the PDFs' /Title. */
export function makeReferences(): string {
  const items = [
    {
      id: '1',
      type: 'document',
      title: 'Declaration of Independence',
      author: [{ literal: 'Second Continental Congress' }],
      issued: { 'date-parts': [[1776, 7, 4]] },
      publisher: 'Provenance Desk (sample edition)',
      note: `File: ${FILES.declaration}`,
    },
    {
      id: '2',
      type: 'speech',
      title: 'Gettysburg Address',
      author: [{ family: 'Lincoln', given: 'Abraham' }],
      issued: { 'date-parts': [[1863, 11, 19]] },
      'event-place': 'Gettysburg, Pennsylvania',
      note: `File: ${FILES.gettysburg} (Bliss copy)`,
    },
    {
      id: '3',
      type: 'song',
      title: 'On the Origin of Species (closing words)',
      author: [{ family: 'Darwin', given: 'Charles' }],
      issued: { 'date-parts': [[1859, 11, 24]] },
      medium: 'Audio recording, read by espeak-ng',
      note: `Files: ${FILES.recording}, ${FILES.transcript}`,
    },
  ];
  return JSON.stringify(items, null, 2) + '\n';
}

const escapeCell = (s: string): string => s.replace(/\|/g, '\\|');

/** README.md: what the sample is, the expected outcome per claim, how it was made. */
export function makeReadme(): string {
  const rows = CLAIMS.map((c, i) => {
    const marker = /(\[[^\]]+\](?::\s*[\w–-]+)?)$/u.exec(c.line)?.[1] ?? '—';
    const sentence = c.line.slice(0, c.line.length - (marker === '—' ? 0 : marker.length));
    const findings = c.findings.length > 0 ? c.findings.map((f) => `\`${f}\``).join(', ') : '(none)';
    return `| ${i} | ${escapeCell(sentence)} | \`${marker}\` | ${findings} | ${escapeCell(c.exercises)} |`;
  });
  return `# Sample workspace

A short draft and the sources behind it, made by the project from public-domain text so that anyone may
use, copy and ship them (licences: [LICENSE.md](LICENSE.md)). The app offers it on first start; the
README's \`check\` example runs on it:

\`\`\`
npm run cli -- check resources/sample/draft.txt --sources resources/sample/${SOURCES_DIR} --out sample.zip
\`\`\`

| file | what it is |
|---|---|
| \`draft.txt\` | ${CLAIMS.length} sentences about the sources, one a line, with citation markers (\`[1]: 2\`, \`[3]\`, \`[citation needed]\`) |
| \`${SOURCES_DIR}/${FILES.declaration}\` | the Declaration of Independence, 5 pages: front matter numbered i–ii, the text on pages 1–3 (\`/PageLabels\`), so printed page numbers differ from the PDF's page count |
| \`${SOURCES_DIR}/${FILES.gettysburg}\` | the Gettysburg Address (Bliss copy), 3 pages, no page labels |
| \`${SOURCES_DIR}/${FILES.recording}\` | the last words of Darwin's *On the Origin of Species* (1859) read by espeak-ng, 16 kHz mono |
| \`${SOURCES_DIR}/${FILES.transcript}\` | its WebVTT transcript, one cue per sentence, speaker \`<v ${SPEAKER}>\`, cue times measured from the recording |
| \`${SOURCES_DIR}/references.json\` | CSL-JSON (as Zotero exports it): reference numbers 1–3 as item \`id\`s, titles as the PDFs' titles |
| \`expected.json\` | per claim index, the findings \`check\` must report and where each quotation really is (page label and index, or cue) |

Each source's file name starts with its reference number, so \`check\` binds \`[1]\`, \`[2]\`, \`[3]\` by name; the
recording and its transcript share number 3. \`references.json\` binds the same numbers by \`id\`.

## Expected findings

Findings use the vocabulary of \`check --json\` (DESIGN.md, CLI). Claim indexes count the draft's sentences from 0.

| # | sentence | marker | expected findings | exercises |
|---|---|---|---|---|
${rows.join('\n')}

## How it was made

\`npx tsx scripts/make-sample.ts\` writes every file here. The PDFs are written by the script's own small PDF
writer (Helvetica, WinAnsiEncoding, a text layer, an Info dictionary with /Title and /Author, a
cross-reference table); the draft, \`expected.json\`, \`references.json\`, this README and LICENSE.md come from
the same table of claims in the script, so they cannot disagree. Those files are byte-identical on every run
(\`tests/unit/sample/sample.test.ts\` regenerates and compares them).

The recording is espeak-ng's (\`espeak-ng -v en-us -s 165\`), one WAV per sentence, resampled with sox to 16 kHz mono
16-bit without dither, measured with \`soxi\`, and joined with ${GAP_SECONDS} s of silence between sentences; the cue
times in the transcript are computed from those measured lengths, so they are true of the WAV. The WAV's
bytes depend on espeak-ng's version (the transcript's NOTE names the version that made it); the test checks
that the WAV's length matches the transcript's last cue instead.
`;
}

/** LICENSE.md: where the texts come from and the licence of what the project made. */
export function makeLicense(): string {
  return `# Licences of the sample workspace

## The texts: public domain

- **Declaration of Independence** (Second Continental Congress, 1776), text after the U.S. National
  Archives' transcription of the engrossed copy. Public domain: published in 1776, long before any
  copyright term that could still run.
- **Gettysburg Address** (Abraham Lincoln, 1863), the Bliss copy. Public domain: published in the 19th century.
- **On the Origin of Species** (Charles Darwin, first edition, John Murray, London, 1859), the last two
  sentences of the book. Public domain worldwide: published in 1859; the author died in 1882.

## What the project made: CC0 1.0

Everything in this folder was made by the Provenance Desk project with \`scripts/make-sample.ts\`: the PDF
editions (layout, title pages, notes), the recording (synthesised by espeak-ng; espeak-ng's licence, the
GPL, covers the program, not the speech it outputs), the WebVTT transcript, \`draft.txt\`, \`expected.json\`,
\`references.json\`, \`README.md\` and this file. To the extent possible under law, the project has waived all
copyright and related rights in them: CC0 1.0 Universal,
https://creativecommons.org/publicdomain/zero/1.0/ . No attribution is required; where a citation is
wanted, "Provenance Desk sample workspace" will do.
`;
}

/** Every file of the sample that is a pure function of this script (all but the recording and its transcript), by path relative to resources/sample. */
export function makeStaticFiles(): Map<string, Uint8Array> {
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  return new Map<string, Uint8Array>([
    ['draft.txt', text(makeDraft())],
    ['expected.json', text(makeExpected())],
    ['README.md', text(makeReadme())],
    ['LICENSE.md', text(makeLicense())],
    [`${SOURCES_DIR}/references.json`, text(makeReferences())],
    [`${SOURCES_DIR}/${FILES.declaration}`, makeDeclarationPdf()],
    [`${SOURCES_DIR}/${FILES.gettysburg}`, makeGettysburgPdf()],
  ]);
}

// ---------------------------------------------------------------------------------------------------
// Running it: write the static files, then synthesise the recording and its transcript.

const here = path.dirname(fileURLToPath(import.meta.url));
/** resources/sample in this checkout. */
export const SAMPLE_DIR = path.join(here, '..', 'resources', 'sample');

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Synthesises SPOKEN_SENTENCES into `wavPath` and returns each sentence's measured length in seconds; throws when espeak-ng or sox fails. */
function synthesise(wavPath: string): number[] {
  const tmp = mkdtempSync(path.join(tmpdir(), 'make-sample-'));
  try {
    const pieces: string[] = [];
    const durations: number[] = [];
    SPOKEN_SENTENCES.forEach((sentence, i) => {
      const raw = path.join(tmp, `raw-${i}.wav`);
      const piece = path.join(tmp, `piece-${i}.wav`);
      run('espeak-ng', ['-v', 'en-us', '-s', '165', '-w', raw, sentence]);
      run('sox', ['-D', raw, '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', piece]);
      // Exact length in samples, so cue times add up to the joined file's length.
      durations.push(Number(run('soxi', ['-s', piece])) / SAMPLE_RATE);
      if (i > 0) {
        const gap = path.join(tmp, `gap-${i}.wav`);
        run('sox', ['-D', '-n', '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', gap, 'trim', '0', String(GAP_SECONDS)]);
        pieces.push(gap);
      }
      pieces.push(piece);
    });
    run('sox', ['-D', ...pieces, wavPath]);
    return durations;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function main(): void {
  mkdirSync(path.join(SAMPLE_DIR, SOURCES_DIR), { recursive: true });
  const espeak = (run('espeak-ng', ['--version']).split('\n')[0] ?? 'espeak-ng').replace(/\s+Data at:.*$/u, '');
  for (const [rel, bytes] of makeStaticFiles()) {
    writeFileSync(path.join(SAMPLE_DIR, rel), bytes);
    process.stderr.write(`wrote ${rel} (${bytes.length} bytes)\n`);
  }
  const wav = path.join(SAMPLE_DIR, SOURCES_DIR, FILES.recording);
  const durations = synthesise(wav);
  writeFileSync(path.join(SAMPLE_DIR, SOURCES_DIR, FILES.transcript), makeVtt(durations, espeak));
  process.stderr.write(`wrote ${SOURCES_DIR}/${FILES.recording} and its transcript with ${espeak}: ${durations.map((d) => d.toFixed(3)).join(' + ')} s\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
