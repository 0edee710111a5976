// Each format's quirks through the one entry point, and the CLI's time formatting.
import { describe, expect, it } from 'vitest';
import {
  detectTranscriptFormat,
  formatTimecode,
  formatTimeRange,
  isTranscriptFileName,
  MAX_TRANSCRIPT_BYTES,
  parseTranscript,
  type TranscriptFormat,
} from '../../../shared/transcript/index.ts';
import { MAX_WEBVTT_LINE_CHARS, MAX_WEBVTT_TAG_DEPTH } from '../../../shared/transcript/webvtt.ts';
import { PLAIN_MIN_LAST_CUE_SECONDS, PLAIN_WORDS_PER_SECOND } from '../../../shared/transcript/plain.ts';
import { sha256Hex } from '../../../shared/hash.ts';
import type { CueUnit, SourceText } from '../../../shared/types/text.ts';

const enc = new TextEncoder();

function imported(name: string, content: string | Uint8Array, format?: TranscriptFormat): SourceText {
  const result = parseTranscript(name, typeof content === 'string' ? enc.encode(content) : content);
  if (!result.ok) throw new Error(`expected ${name} to import: ${result.error}`);
  if (format) expect(result.value.format).toBe(format);
  return result.value.sourceText;
}

function failure(name: string, content: string): string {
  const result = parseTranscript(name, enc.encode(content));
  if (result.ok) throw new Error(`expected ${name} to be rejected, got ${JSON.stringify(result.value.sourceText.units)}`);
  return result.error;
}

/** Cues as [id, start, end, speaker, text] for compact expectations. */
function cues(text: SourceText): [string | undefined, number, number, string | null, string][] {
  return (text.units as CueUnit[]).map((u) => [u.id, u.time[0], u.time[1], u.speaker, text.text.slice(u.range[0], u.range[1])]);
}

describe('the source text', () => {
  it('joins cue texts with one line feed; ranges exclude it; hash is of the bytes', () => {
    const bytes = enc.encode('WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHello\nthere\n\n00:00:02.000 --> 00:00:03.000\nBye\n');
    const result = parseTranscript('a.vtt', bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { sourceText } = result.value;
    expect(sourceText).toEqual({
      type: 'source-text',
      sha256: sha256Hex(bytes),
      kind: 'transcript',
      text: 'Hello\nthere\nBye',
      units: [
        { kind: 'cue', index: 0, id: '1', time: [1, 2], speaker: null, range: [0, 11] },
        { kind: 'cue', index: 1, time: [2, 3], speaker: null, range: [12, 15] },
      ],
    });
  });
});

describe('WebVTT cue text', () => {
  it('takes speakers from voice spans and strips markup, timestamps and ruby text, decoding entities', () => {
    const text = imported(
      'v.vtt',
      'WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n<v.loud Ann Lee>It&apos;s <b>not</b> <c.x>true</c> &amp; <00:00:02.000>never &lt;was&gt;</v>\n\n' +
        '00:00:05.000 --> 00:00:06.000\n<v Bob>Yes.</v> <v Cy>No.</v>\n\n00:00:06.000 --> 00:00:07.000\n<ruby>漢<rt>kan</rt></ruby>&nbsp;<i>x</i>\n',
      'webvtt',
    );
    expect(cues(text)).toEqual([
      [undefined, 0, 5, 'Ann Lee', "It's not true & never <was>"],
      [undefined, 5, 6, 'Bob, Cy', 'Yes. No.'],
      [undefined, 6, 7, null, '漢\u00a0x'],
    ]);
  });

  it('takes a .srt file that is really WebVTT as WebVTT', () => {
    expect(imported('x.srt', 'WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n', 'webvtt').text).toBe('hi');
  });

  it('imports a valid file without cues as an empty transcript', () => {
    expect(imported('e.vtt', 'WEBVTT\n', 'webvtt')).toMatchObject({ text: '', units: [] });
  });

  // Fuzz finding (issue 9, seed 2026 index 1469): 100k nested cue tags overflowed webvtt-parser's recursion
  // and "Maximum call stack size exceeded" reached the message.
  it('rejects cue text nesting tags past the limit, naming the file and line, and accepts it at the limit', () => {
    const deep = '<b><i><u><c.x><v A>'.repeat(20_000);
    const message = failure('tags.vtt', `WEBVTT\n\n00:00.000 --> 00:01.000\n${deep}x\n`);
    expect(message).toMatch(new RegExp(`^tags\\.vtt: line 4: cue text nests tags more than ${MAX_WEBVTT_TAG_DEPTH} deep`));
    expect(message).not.toMatch(/call stack/);
    // Closed tags do not add up, unknown tags do not nest, and the depth starts afresh in each cue.
    const atLimit = '<b>'.repeat(MAX_WEBVTT_TAG_DEPTH) + 'x' + '</b>'.repeat(MAX_WEBVTT_TAG_DEPTH);
    const text = imported('ok.vtt', `WEBVTT\n\n00:00.000 --> 00:01.000\n${atLimit}${'<b>y</b>'.repeat(500)}${'<x>'.repeat(500)}\n\n00:01.000 --> 00:02.000\n${atLimit}\n`);
    expect(text.text).toBe(`x${'y'.repeat(500)}\nx`);
  });

  // Fuzz finding (seed 2026 index 7949): a 5 MB line of tags after header-tab.vtt's head.
  it('rejects a line longer than the limit, naming the file and line', () => {
    const message = failure('header-tab.vtt', `WEBVTT\n\t\n00:00:00.000 --> 00:00:01.000\nte${'<i>'.repeat(Math.ceil(MAX_WEBVTT_LINE_CHARS / 3) + 1)}`);
    expect(message).toMatch(new RegExp(`^header-tab\\.vtt: line 4: the line has \\d+ characters, more than the ${MAX_WEBVTT_LINE_CHARS}`));
  });
});

describe('SRT', () => {
  const standard = '1\n00:00:01,000 --> 00:00:02,500\nFirst line\nsecond line\n\n2\n00:00:03,000 --> 00:00:04,000\nSecond cue\n';

  it('reads the standard shape', () => {
    expect(cues(imported('a.srt', standard, 'srt'))).toEqual([
      ['1', 1, 2.5, null, 'First line\nsecond line'],
      ['2', 3, 4, null, 'Second cue'],
    ]);
  });

  it('is tolerant of BOM, CRLF, extra blank lines, trailing whitespace, dot milliseconds, missing hours and missing index', () => {
    const quirky = '\uFEFF\r\n\r\n1\r\n00:00:01.000 --> 00:00:02.500   \r\nFirst line   \r\nsecond line\t\r\n\r\n\r\n\r\n00:03,000 --> 00:04,250 X1:10 X2:20\r\nSecond cue \r\n\r\n';
    expect(cues(imported('b.srt', quirky, 'srt'))).toEqual([
      ['1', 1, 2.5, null, 'First line\nsecond line'],
      [undefined, 3, 4.25, null, 'Second cue'],
    ]);
  });

  it('reads short fractions as decimals and hours beyond two digits', () => {
    expect(cues(imported('c.srt', '00:00:01,5 --> 100:00:00,25\nx\n'))).toEqual([[undefined, 1.5, 360000.25, null, 'x']]);
  });

  it('strips <i>, <b>, <u>, <font> tags and {\\an8} overrides, keeping other angle brackets', () => {
    expect(imported('d.srt', '1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Hello</i> <font color="#fff">3 < 4</font> <B>x</B>\n').text).toBe('Hello 3 < 4 x');
  });

  it('takes a speaker from NAME: or - Name: prefixes only', () => {
    const srt =
      '1\n00:00:01,000 --> 00:00:02,000\nJOHN SMITH: We will not.\n\n' +
      '2\n00:00:02,000 --> 00:00:03,000\n- Ann Lee: Really?\n- BOB: Yes.\n\n' +
      '3\n00:00:03,000 --> 00:00:04,000\nNote: this is not a speaker\n\n' +
      '4\n00:00:04,000 --> 00:00:05,000\n- Hi.\n- A: one letter is no name\n';
    expect(cues(imported('e.srt', srt))).toEqual([
      ['1', 1, 2, 'JOHN SMITH', 'We will not.'],
      ['2', 2, 3, 'Ann Lee, BOB', 'Really?\nYes.'],
      ['3', 3, 4, null, 'Note: this is not a speaker'],
      ['4', 4, 5, null, '- Hi.\n- A: one letter is no name'],
    ]);
  });

  it('keeps text after a blank line inside the cue it belongs to', () => {
    expect(cues(imported('f.srt', '1\n00:00:01,000 --> 00:00:02,000\nfirst\n\nstill first\n\n2\n00:00:02,000 --> 00:00:03,000\nsecond\n'))).toEqual([
      ['1', 1, 2, null, 'first\n\nstill first'],
      ['2', 2, 3, null, 'second'],
    ]);
  });

  it('rejects a cue that ends before it starts, naming the line', () => {
    expect(failure('g.srt', standard + '\n3\n00:00:05,000 --> 00:00:04,999\nbackwards\n')).toBe(
      'g.srt: line 11: the cue ends (00:00:04.999) before it starts (00:00:05.000)',
    );
  });

  it('rejects malformed timing lines, bad minutes and text before the first cue, naming the line', () => {
    expect(failure('h.srt', '1\n00:00:01,000 -> 00:00:02,000\nx\n')).toMatch(/^h\.srt: line 1: expected a cue number or a timing line/);
    expect(failure('h.srt', '1\n00:00:01,000 --> 00:00:02:000\nx\n')).toMatch(/^h\.srt: line 2: malformed timing line "00:00:01,000 --> 00:00:02:000"/);
    expect(failure('h.srt', standard + '\n00:61:00,000 --> 01:00:00,000\nx\n')).toBe('h.srt: line 10: bad start time: minutes must be 0-59, found 61');
    expect(failure('h.srt', 'Title\n\n1\n00:00:01,000 --> 00:00:02,000\nx\n')).toMatch(/^h\.srt: line 1: expected a cue number/);
    expect(failure('h.srt', '1\n00:00:01,000 --> 00:00:02,000\nx\0y\n')).toBe('h.srt: line 3: contains a NUL character; this is not a text subtitle file');
  });
});

describe('Whisper JSON', () => {
  const whisper = `{"text": " Hello there. General Kenobi.", "segments": [
  {"id": 0, "seek": 0, "start": 0.0, "end": 2.5, "text": " Hello there.", "tokens": [1, 2], "temperature": 0.0,
   "avg_logprob": NaN, "compression_ratio": Infinity, "no_speech_prob": -Infinity,
   "words": [{"word": " Hello", "start": 0.0, "end": 1.0, "probability": NaN}, {"word": " there.", "start": 1.0, "end": 2.5, "probability": 0.9}]},
  {"id": 1, "seek": 0, "start": 2.5, "end": 4.0, "text": " General \\"NaN\\" Kenobi.", "tokens": [], "temperature": 0.0, "avg_logprob": -0.2, "compression_ratio": 1.1, "no_speech_prob": 0.01}
], "language": "en"}`;

  it('reads segments, trims leading spaces and accepts Python NaN/Infinity outside strings only', () => {
    expect(cues(imported('w.json', whisper, 'whisper-json'))).toEqual([
      ['0', 0, 2.5, null, 'Hello there.'],
      ['1', 2.5, 4, null, 'General "NaN" Kenobi.'],
    ]);
  });

  it('reads whisperX speakers and a bare segment array', () => {
    const x = '[{"start": 1, "end": 2, "text": " Hi", "speaker": "SPEAKER_00"}, {"start": 2, "end": 3, "text": " Yo", "speaker": "SPEAKER_01"}]';
    expect(cues(imported('x.json', x, 'whisper-json'))).toEqual([
      [undefined, 1, 2, 'SPEAKER_00', 'Hi'],
      [undefined, 2, 3, 'SPEAKER_01', 'Yo'],
    ]);
  });

  it('takes a NaN segment time from its words, and rejects it with the segment line when no word has one', () => {
    const fromWords = '{"segments": [{"id": 0, "start": NaN, "end": NaN, "text": " a b", "words": [{"word": "a", "start": 0.5, "end": 1}, {"word": "b", "start": 1, "end": 1.5}]}]}';
    expect(cues(imported('n.json', fromWords))).toEqual([['0', 0.5, 1.5, null, 'a b']]);
    const noTime = '{"segments": [\n  {"id": 0, "start": 0, "end": 1, "text": "a"},\n  {"id": 1, "start": 1, "end": NaN, "text": "b"}\n]}';
    expect(failure('n.json', noTime)).toBe('n.json: line 3: segment 1 (id 1): its end time is missing, NaN or infinite and no word gives one');
  });

  it('rejects bad JSON, missing fields and backwards segments with a line number', () => {
    expect(failure('b.json', '{"segments": [\n{"start": 0, "end": 1, "text": "a"},\n{"start": 1 "end": 2}\n]}')).toMatch(/^b\.json: line 3: not valid JSON: /);
    expect(failure('b.json', '{"segments": [\n{"start": 0, "end": 1, "text": "a"},\n{"start": 1, "end": 2}\n]}')).toMatch(/^b\.json: line 3: segment 1 field "text": /);
    expect(failure('b.json', '{"segments": [\n{"start": 5, "end": 1, "text": "a"}]}')).toBe('b.json: line 2: segment 0: it ends (00:00:01.000) before it starts (00:00:05.000)');
    expect(failure('b.json', '{"text": "no segments"}')).toMatch(/^b\.json: line 1: not Whisper JSON/);
  });
});

describe('plain text', () => {
  it('reads [hh:mm:ss] Name: text, continuation lines and estimates the last cue', () => {
    const plain = '[00:00:01] Ann Lee: We will not\nraise taxes.\n\n[00:00:04.5] Bob: No?\n[00:01:00] Ann Lee: Never, ever, ever, ever, ever.\n';
    expect(cues(imported('p.txt', plain, 'plain'))).toEqual([
      [undefined, 1, 4.5, 'Ann Lee', 'We will not\nraise taxes.'],
      [undefined, 4.5, 60, 'Bob', 'No?'],
      [undefined, 60, 60 + 5 / PLAIN_WORDS_PER_SECOND, 'Ann Lee', 'Never, ever, ever, ever, ever.'],
    ]);
  });

  it('reads Name (00:01:02): text and mm:ss with ,mmm fractions', () => {
    expect(cues(imported('p.txt', 'Ann (01:02,250): Hello\nBob [1:03]: Hi\nCy (00:01:04)\nText on the next line\n'))).toEqual([
      [undefined, 62.25, 63, 'Ann', 'Hello'],
      [undefined, 63, 64, 'Bob', 'Hi'],
      [undefined, 64, 64 + 5 / PLAIN_WORDS_PER_SECOND, 'Cy', 'Text on the next line'],
    ]);
  });

  it('reads bare timestamps: a speaker after a colon, a tab, two spaces or in capitals, else none', () => {
    const plain = '00:00:01 Ann: one\n00:00:02 Bob\ttwo\n00:00:03 Cy Dee  three\n00:00:04 DAN four\n00:00:05 So this is text\n0:06.5\n';
    expect(cues(imported('p.txt', plain))).toEqual([
      [undefined, 1, 2, 'Ann', 'one'],
      [undefined, 2, 3, 'Bob', 'two'],
      [undefined, 3, 4, 'Cy Dee', 'three'],
      [undefined, 4, 5, 'DAN', 'four'],
      [undefined, 5, 6.5, null, 'So this is text'],
      [undefined, 6.5, 6.5 + PLAIN_MIN_LAST_CUE_SECONDS, null, ''],
    ]);
  });

  it('rejects text before the first timestamp, time going backwards, bad seconds and files without timestamps', () => {
    expect(failure('p.txt', 'Interview\n[00:00:01] Ann: hi\n')).toMatch(/^p\.txt: line 1: text before the first timestamp/);
    expect(failure('p.txt', '[00:00:05] a\n[00:00:01] b\n')).toBe('p.txt: line 2: timestamp 00:00:01.000 is earlier than the cue before it (00:00:05.000); cues must be in time order');
    expect(failure('p.txt', '[00:00:01] a\n[00:00:61] b\n')).toBe('p.txt: line 2: bad timestamp: seconds must be 0-59, found 61');
    expect(failure('p.txt', '')).toMatch(/^p\.txt: line 1: no timestamped lines/);
  });
});

describe('detection and file names', () => {
  it('detects by extension first, then content', () => {
    expect(detectTranscriptFormat('a.VTT', 'whatever')).toBe('webvtt');
    expect(detectTranscriptFormat('a.json', '[00:01] x')).toBe('whisper-json');
    expect(detectTranscriptFormat('a.srt', '\uFEFFWEBVTT\n')).toBe('webvtt');
    expect(detectTranscriptFormat('a.txt', 'WEBVTT\n')).toBe('webvtt');
    expect(detectTranscriptFormat('a.txt', ' {"segments": []}')).toBe('whisper-json');
    expect(detectTranscriptFormat('a.txt', '[{"start": 1}]')).toBe('whisper-json');
    expect(detectTranscriptFormat('a.txt', '[00:00:01] Ann: hi')).toBe('plain');
    expect(detectTranscriptFormat('a', '1\n00:00:01,000 --> 00:00:02,000\nx')).toBe('srt');
    expect(detectTranscriptFormat('a.txt', '00:01 hello')).toBe('plain');
  });

  it('names transcript files by extension', () => {
    for (const name of ['a.vtt', 'b.SRT', 'c.json', 'dir/d.txt', 'e.webvtt']) expect(isTranscriptFileName(name)).toBe(true);
    for (const name of ['a.pdf', 'vtt', 'a.vtt.bak', '.srt']) expect(isTranscriptFileName(name)).toBe(false);
  });
});

describe('decoding', () => {
  it('reads UTF-16 with a BOM and rejects invalid UTF-8 naming its line', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('[00:01] hé').flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(imported('u.txt', utf16).text).toBe('hé');
    const bad = new Uint8Array([...enc.encode('[00:01] a\n[00:02] b'), 0xc3, 0x28, 0x0a]);
    const result = parseTranscript('bad.txt', bad);
    expect(result).toEqual({ ok: false, error: 'bad.txt: line 2: not valid UTF-8 text; re-save the file as UTF-8' });
  });

  it('rejects files over the size limit before reading them', () => {
    const result = parseTranscript('big.vtt', new Uint8Array(MAX_TRANSCRIPT_BYTES + 1));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^big\.vtt: \d+ bytes is more than/);
  });
});

describe('time formatting', () => {
  it('formats timecodes and ranges as the CLI prints them', () => {
    expect(formatTimecode(754.5)).toBe('00:12:34.500');
    expect(formatTimecode(0)).toBe('00:00:00.000');
    expect(formatTimecode(59.9996)).toBe('00:01:00.000');
    expect(formatTimecode(360000.001)).toBe('100:00:00.001');
    expect(formatTimeRange([754.5, 761])).toBe('00:12:34.500\u201300:12:41.000');
    expect(() => formatTimecode(-1)).toThrow(RangeError);
    expect(() => formatTimecode(Number.NaN)).toThrow(RangeError);
  });
});
