import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxToDraftText } from '../../../renderer/src/import/docx.ts';
import { DOCX_MAX_PART_BYTES, DOCX_MAX_XML_DEPTH } from '../../../renderer/src/import/docx-zip.ts';
import { parseDraft } from '../../../shared/draft/parse.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function run(text: string): string {
  return `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
}
function footnoteRef(id: number): string {
  return `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;
}

/** A minimal .docx: two paragraphs, two footnote references, and the footnotes part (or another document part). */
function buildDocx(documentXml?: string): ArrayBuffer {
  const document = documentXml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="${REL}"><w:body>
<w:p>${run('The commission was formed in July 1988.')}${footnoteRef(1)}${run(' It had four members.')}</w:p>
<w:p>${run('Montazeri protested in a letter, calling it “a crime”.')}${footnoteRef(2)}${run('[citation needed]')}</w:p>
</w:body></w:document>`;
  const footnotes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="${W}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p>${run('Abrahamian, Tortured Confessions, p. 210.')}</w:p></w:footnote>
<w:footnote w:id="2"><w:p>${run('Montazeri, Memoirs, p. 301.')}</w:p></w:footnote>
</w:footnotes>`;
  const files = {
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
</Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>
</Relationships>`),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId2" Type="${REL}/footnotes" Target="footnotes.xml"/>
</Relationships>`),
    'word/document.xml': [strToU8(document), { level: 9 }] as [Uint8Array, { level: 9 }],
    'word/footnotes.xml': strToU8(footnotes),
  };
  const zip = zipSync(files);
  return zip.buffer.slice(zip.byteOffset, zip.byteOffset + zip.byteLength) as ArrayBuffer;
}

describe('docxToDraftText', () => {
  it('converts paragraphs to lines and footnote references to markers', async () => {
    const result = await docxToDraftText(buildDocx(), 'draft.docx');
    if (!result.ok) throw new Error(result.error);
    expect(result.value.text).toBe(
      'The commission was formed in July 1988.[1] It had four members.\nMontazeri protested in a letter, calling it “a crime”.[2][citation needed]',
    );
    expect(result.value.notes).toEqual([
      { label: '1', text: 'Abrahamian, Tortured Confessions, p. 210.' },
      { label: '2', text: 'Montazeri, Memoirs, p. 301.' },
    ]);
    // The converted text parses like any draft.
    const parsed = parseDraft(result.value.text);
    expect(parsed.claims.map((c) => c.markers.map((m) => m.raw))).toEqual([['[1]'], [], ['[2]', '[citation needed]']]);
    expect(parsed.claims[2]!.quotes.map((q) => q.text)).toEqual(['a crime']);
  });

  it('rejects a file that is not a .docx, naming it', async () => {
    const notZip = new TextEncoder().encode('plain text, not a zip').buffer as ArrayBuffer;
    expect(await docxToDraftText(notZip, 'notes.docx')).toEqual({ ok: false, error: 'notes.docx is not a .docx file (a .docx is a zip archive).' });
    const emptyZip = zipSync({ 'hello.txt': strToU8('hi') });
    const result = await docxToDraftText(emptyZip.buffer as ArrayBuffer, 'broken.docx');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^broken\.docx could not be read as a \.docx: /);
  });

  // Fuzz findings (issue 9, seed 2026 indexes 1200, 2517, 4030, 3022): mammoth inflated a 1 GiB
  // document.xml in full, trusted size headers, and overflowed the stack on 100k nested elements.
  it('refuses a part declaring more than the part limit before inflating it, naming file and part', async () => {
    const docx = buildDocx();
    patchCentralSize(docx, 'word/document.xml', 1024 * 1024 * 1024);
    expect(await docxToDraftText(docx, 'bomb.docx')).toEqual({
      ok: false,
      error: `bomb.docx: part "word/document.xml" declares 1073741824 bytes; a part of a .docx may have at most ${DOCX_MAX_PART_BYTES}.`,
    });
  });

  it('refuses a part that inflates to more than its header declares', async () => {
    const docx = buildDocx(`<w:document xmlns:w="${W}"><w:body>${' '.repeat(4 * 1024 * 1024)}</w:body></w:document>`);
    patchCentralSize(docx, 'word/document.xml', 100);
    expect(await docxToDraftText(docx, 'liar.docx')).toEqual({
      ok: false,
      error: 'liar.docx: part "word/document.xml" inflates to more than the 100 bytes it declares or past the limits of a .docx (a possible zip bomb).',
    });
  });

  it('refuses XML nested past the depth limit before mammoth parses it, and reads it at the limit', async () => {
    const nest = (depth: number): string => `<w:document xmlns:w="${W}"><w:body><w:p>${run('Deep.')}</w:p>${'<w:x a="/>">'.repeat(depth - 2)}${'</w:x>'.repeat(depth - 2)}</w:body></w:document>`;
    expect(await docxToDraftText(buildDocx(nest(100_000)), 'deep.docx')).toEqual({
      ok: false,
      error: `deep.docx: part "word/document.xml" nests XML elements more than ${DOCX_MAX_XML_DEPTH} deep; a document this deeply nested cannot be read (re-save it from a word processor).`,
    });
    const atLimit = await docxToDraftText(buildDocx(nest(DOCX_MAX_XML_DEPTH)), 'ok.docx');
    expect(atLimit.ok && atLimit.value.text).toBe('Deep.');
  });
});

/** Sets an entry's uncompressed size in the zip's central directory (a lying or huge header). */
function patchCentralSize(zip: ArrayBuffer, name: string, size: number): void {
  const bytes = new Uint8Array(zip);
  const view = new DataView(zip);
  const want = strToU8(name);
  for (let i = 0; i + 46 < bytes.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const n = view.getUint16(i + 28, true);
    if (n === want.length && bytes.subarray(i + 46, i + 46 + n).every((b, k) => b === want[k])) {
      view.setUint32(i + 24, size, true);
      return;
    }
  }
  throw new Error(`no central entry ${name}`);
}
