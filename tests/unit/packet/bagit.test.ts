import { Zip, ZipPassThrough, deflateSync, zipSync, type Zippable } from 'fflate';
import { md5 } from '@noble/hashes/legacy.js';
import { describe, expect, it } from 'vitest';
import {
  COMPRESSION_RATIO_MIN_BYTES,
  MAX_BAG_ENTRY_BYTES,
  MAX_BAG_TOTAL_BYTES,
  decodeBagPath,
  encodeBagPath,
  openBagFolder,
  openBagZip,
  readBag,
  unsafePathReason,
  writeBag,
  type BagInfo,
  type BagProgress,
} from '../../../shared/packet/bagit.ts';
import { sha256Hex, toHex, toUtf8 } from '../../../shared/hash.ts';

const info: BagInfo = { baggingDate: '2025-01-02', softwareAgent: 'test', externalDescription: 'a test bag', externalIdentifier: 'ws-1' };
const payload = [
  { path: 'data/a.txt', bytes: toUtf8('alpha\n') },
  { path: 'data/sub/b.json', bytes: toUtf8('{"b":1}') },
  { path: 'verify.html', bytes: toUtf8('<!doctype html><title>v</title>') },
];

/** A valid 1.0 bag's files as a folder, from which tests derive bad variants. */
function folderOf(extra: Record<string, string> = {}, drop: string[] = []): Map<string, Uint8Array> {
  const opened = openBagZip(writeBag(payload, info));
  if (!opened.ok) throw new Error(opened.error);
  const files = new Map(opened.value.files);
  for (const d of drop) files.delete(d);
  for (const [k, v] of Object.entries(extra)) files.set(k, toUtf8(v));
  return files;
}

function zipOf(entries: [name: string, bytes: Uint8Array, attrs?: number][]): Uint8Array {
  // The streaming Zip allows duplicate names, which zipSync's object input cannot express.
  const chunks: Uint8Array[] = [];
  const zip = new Zip((e, c) => {
    if (e) throw e;
    chunks.push(c);
  });
  for (const [name, bytes, attrs] of entries) {
    const f = new ZipPassThrough(name);
    if (attrs !== undefined) {
      f.os = 3;
      f.attrs = attrs;
    }
    zip.add(f);
    f.push(bytes, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

describe('bag paths', () => {
  it('percent-encodes CR, LF and % only, and decodes them back', () => {
    const p = 'data/a%b\nc\rd~e f.txt';
    expect(encodeBagPath(p)).toBe('data/a%25b%0Ac%0Dd~e f.txt');
    expect(decodeBagPath(encodeBagPath(p))).toBe(p);
    expect(decodeBagPath('data/%7Etest1.txt')).toBe('data/%7Etest1.txt');
  });
  it.each([
    ['../x', '".."'],
    ['data/../../x', '".."'],
    ['/etc/passwd', 'absolute'],
    ['data\\x', 'backslash'],
    ['C:/x', 'drive letter'],
    ['~/x', 'home-directory'],
    ['%HomeDrive%/x', 'environment'],
    ['data/./x', '"."'],
    ['data//x', 'empty segment'],
    ['data/a\u0000b', 'control'],
  ])('rejects %s', (p, why) => {
    expect(unsafePathReason(p)).toContain(why);
  });
  it('accepts ordinary paths', () => expect(unsafePathReason('data/texts/ab12.json')).toBeNull());
});

describe('writeBag', () => {
  it('writes a valid BagIt 1.0 bag with manifests, tag manifest and bag-info', () => {
    const result = readBag(writeBag(payload, info));
    expect(result.ok ? result.value.warnings : result.error).toEqual([]);
    if (!result.ok) return;
    const text = (p: string) => new TextDecoder().decode(result.value.files.get(p));
    expect(text('bagit.txt')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    expect(text('bag-info.txt')).toContain(`Payload-Oxum: ${6 + 7}.2\n`);
    expect(text('bag-info.txt')).toContain('Bagging-Date: 2025-01-02\n');
    expect(text('manifest-sha256.txt')).toBe(`${sha256Hex(toUtf8('alpha\n'))}  data/a.txt\n${sha256Hex(toUtf8('{"b":1}'))}  data/sub/b.json\n`);
    const tags = text('tagmanifest-sha256.txt');
    for (const p of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'verify.html']) expect(tags).toContain(`  ${p}\n`);
  });
  it('gives the same bytes for the same content', () => {
    expect(toHex(writeBag(payload, info))).toBe(toHex(writeBag([...payload].reverse(), info)));
  });
  it('reports progress up to the total', () => {
    const seen: BagProgress[] = [];
    writeBag(payload, info, (p) => seen.push(p));
    const total = 2 * payload.reduce((n, f) => n + f.bytes.length, 0);
    expect(seen.length).toBe(2 * payload.length);
    expect(seen.every((p, i) => p.total === total && (i === 0 || p.done >= seen[i - 1]!.done))).toBe(true);
    expect(seen[seen.length - 1]!.done).toBe(total);
  });
  it('refuses unsafe, duplicate and reserved paths', () => {
    expect(() => writeBag([{ path: 'data/../x', bytes: new Uint8Array(1) }], info)).toThrow(/data\/\.\.\/x/);
    expect(() => writeBag([{ path: 'data/A', bytes: new Uint8Array(1) }, { path: 'data/a', bytes: new Uint8Array(1) }], info)).toThrow(/data\/a/);
    expect(() => writeBag([{ path: 'manifest-md5.txt', bytes: new Uint8Array(1) }], info)).toThrow(/reserved/);
  });
});

describe('reading a bag: the trust boundary', () => {
  const ok = toUtf8('x');
  it.each([
    ['../evil.txt', /"\.\.\/evil\.txt".*"\.\."/],
    ['/etc/passwd', /"\/etc\/passwd" is an absolute path/],
    ['data\\evil.txt', /"data\\evil\.txt" contains a backslash/],
    ['C:/evil.txt', /"C:\/evil\.txt" starts with a drive letter/],
  ])('rejects a zip entry %s, naming it', (name, message) => {
    const r = openBagZip(zipOf([['bagit.txt', ok], [name, ok]]));
    expect(r.ok ? 'accepted' : r.error).toMatch(message);
  });
  it('rejects a symbolic link entry', () => {
    const r = openBagZip(zipOf([['bagit.txt', ok], ['data/link', toUtf8('/etc/passwd'), 0o120777 << 16]]));
    expect(r.ok ? 'accepted' : r.error).toMatch(/"data\/link" is a symbolic link/);
  });
  it('accepts regular-file unix modes', () => {
    expect(openBagZip(zipOf([['bagit.txt', ok, 0o100644 << 16]])).ok).toBe(true);
  });
  it('rejects duplicate entries, exactly and ignoring case', () => {
    const a = openBagZip(zipOf([['data/a.txt', ok], ['data/a.txt', ok]]));
    expect(a.ok ? 'accepted' : a.error).toMatch(/"data\/a\.txt" appears twice/);
    const b = openBagZip(zipOf([['data/a.txt', ok], ['data/A.TXT', ok]]));
    expect(b.ok ? 'accepted' : b.error).toMatch(/"data\/A\.TXT" duplicates "data\/a\.txt"/);
  });
  it('rejects a folder with a symbolic link or an unsafe path, naming it', () => {
    const r = openBagFolder({ files: folderOf(), links: ['data/evil'] });
    expect(r.ok ? 'accepted' : r.error).toMatch(/"data\/evil" is a symbolic link/);
    const files = folderOf();
    files.set('../x', ok);
    const s = openBagFolder({ files });
    expect(s.ok ? 'accepted' : s.error).toMatch(/"\.\.\/x"/);
  });
  it('rejects a payload file not in the manifest, and a manifest entry that is missing', () => {
    const extra = readBag({ files: folderOf({ 'data/extra.txt': 'sneaky' }) });
    expect(extra.ok ? 'accepted' : extra.error).toMatch(/"data\/extra\.txt" is not listed in manifest-sha256\.txt/);
    const missing = readBag({ files: folderOf({}, ['data/a.txt']) });
    expect(missing.ok ? 'accepted' : missing.error).toMatch(/"data\/a\.txt" is listed in manifest-sha256\.txt but missing/);
  });
  it('rejects a file whose checksum does not match, naming it', () => {
    const r = readBag({ files: folderOf({ 'data/a.txt': 'alphA\n' }) });
    expect(r.ok ? 'accepted' : r.error).toMatch(/"data\/a\.txt" does not match its sha256 checksum/);
  });
  it('rejects a manifest listing a path twice', () => {
    const files = folderOf();
    const m = new TextDecoder().decode(files.get('manifest-sha256.txt'));
    files.set('manifest-sha256.txt', toUtf8(m + m.split('\n')[0] + '\n'));
    const r = readBag({ files });
    expect(r.ok ? 'accepted' : r.error).toMatch(/manifest-sha256\.txt lists "data\/a\.txt" more than once/);
  });
  it('rejects an entry declaring more than the entry limit before inflating', () => {
    const zip = zipOf([['bagit.txt', ok], ['data/big', ok]]);
    patchCentralSize(zip, 'data/big', MAX_BAG_ENTRY_BYTES + 1);
    const r = openBagZip(zip);
    expect(r.ok ? 'accepted' : r.error).toMatch(/"data\/big" declares \d+ bytes, more than the limit/);
  });
  it('rejects a zip whose entries add up past the total limit', () => {
    const zip = zipOf([['data/a', ok], ['data/b', ok], ['data/c', ok], ['data/d', ok], ['data/e', ok]]);
    for (const n of ['a', 'b', 'c', 'd', 'e']) patchCentralSize(zip, `data/${n}`, Math.floor(MAX_BAG_TOTAL_BYTES / 4.5), Math.floor(MAX_BAG_TOTAL_BYTES / 4.5));
    const r = openBagZip(zip);
    expect(r.ok ? 'accepted' : r.error).toMatch(/"data\/e" takes the inflated total past the limit/);
  });
  // Fuzz finding (issue 9, seed 2026 index 1206): 20 central-directory entries pointing at one deflated
  // stream each passed the ratio check and together the total limit, so a 1 MB zip inflated to ~3.9 GiB.
  it('rejects entries sharing one compressed stream before inflating, naming the entry', () => {
    const stream = deflateSync(new Uint8Array(600_000).map((_, i) => (i * 7919) % 251), { level: 0 });
    const shared = Array.from({ length: 20 }, (_, i) => ({ name: `data/${i}`, offset: 0, compressed: stream.length, size: 600_000 }));
    const bomb = rawZip([{ name: 'data/0', data: stream }], shared);
    expect(bomb.length).toBeLessThan(2 * stream.length);
    const r = openBagZip(bomb);
    expect(r.ok ? 'accepted' : r.error).toMatch(/^zip entry "data\/1" overlaps other entries .* zip bomb$/);
    // Two small entries at one local header: the sizes fit in the archive but the data overlaps.
    const small = rawZip([{ name: 'data/a', data: toUtf8('alpha') }], [
      { name: 'data/a', offset: 0, compressed: 5, size: 5, method: 0 },
      { name: 'data/b', offset: 0, compressed: 5, size: 5, method: 0 },
    ]);
    const r2 = openBagZip(small);
    expect(r2.ok ? 'accepted' : r2.error).toMatch(/^zip entry "data\/(?:a|b)" overlaps the data of zip entry "data\/(?:a|b)": refusing a possible zip bomb$/);
  });
  it('refuses to write a bag the reader would refuse (over the total limit)', () => {
    const mib = new Uint8Array(1024 * 1024);
    const files = Array.from({ length: MAX_BAG_TOTAL_BYTES / mib.length + 1 }, (_, i) => ({ path: `data/${i}`, bytes: mib }));
    expect(() => writeBag(files, info)).toThrow(new RegExp(`a bag may hold at most ${MAX_BAG_TOTAL_BYTES} bytes in all`));
  });
  it('rejects a suspicious compression ratio (zip bomb) before inflating', () => {
    const bomb = zipSync({ 'bagit.txt': ok, 'data/zeros': new Uint8Array(COMPRESSION_RATIO_MIN_BYTES * 2) } as Zippable);
    const r = openBagZip(bomb);
    expect(r.ok ? 'accepted' : r.error).toMatch(/"data\/zeros" would inflate .* zip bomb/);
  });
  it('rejects an entry that inflates to more than it declares', () => {
    const zip = zipSync({ 'data/z': new Uint8Array(5000) });
    patchCentralSize(zip, 'data/z', 100, null);
    const r = openBagZip(zip);
    expect(r.ok ? 'accepted' : r.error).toMatch(/"data\/z" inflates to a different size/);
  });
  it('rejects bytes that are not a zip', () => {
    const r = openBagZip(toUtf8('not a zip at all, just text'));
    expect(r.ok ? 'accepted' : r.error).toMatch(/not a zip/);
  });
  it('rejects unknown BagIt versions and malformed bagit.txt', () => {
    const v2 = readBag({ files: folderOf({ 'bagit.txt': 'BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n' }) });
    expect(v2.ok ? 'accepted' : v2.error).toMatch(/unsupported BagIt version 2\.0/);
    const bom = readBag({ files: folderOf({ 'bagit.txt': '\ufeffBagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' }) });
    expect(bom.ok ? 'accepted' : bom.error).toMatch(/byte-order mark/);
    const none = readBag({ files: folderOf({}, ['bagit.txt']) });
    expect(none.ok ? 'accepted' : none.error).toMatch(/bagit\.txt is missing/);
  });
  it('rejects a wrong Payload-Oxum', () => {
    const files = folderOf();
    const bi = new TextDecoder().decode(files.get('bag-info.txt')).replace(/Payload-Oxum: .*/, 'Payload-Oxum: 1.1');
    files.set('bag-info.txt', toUtf8(bi));
    files.delete('tagmanifest-sha256.txt');
    const r = readBag({ files });
    expect(r.ok ? 'accepted' : r.error).toMatch(/Payload-Oxum says 1 bytes in 1 files/);
  });
  it('rejects fetch.txt paths outside the bag, and fetch.txt itself when forbidden', () => {
    const bad = readBag({ files: folderOf({ 'fetch.txt': 'https://example.org/x - ../../etc/passwd\n' }) });
    expect(bad.ok ? 'accepted' : bad.error).toMatch(/fetch\.txt line 1: path "\.\.\/\.\.\/etc\/passwd"/);
    const forbidden = readBag({ files: folderOf({ 'fetch.txt': 'https://example.org/x - data/a.txt\n' }) }, { forbidFetch: true });
    expect(forbidden.ok ? 'accepted' : forbidden.error).toMatch(/fetch\.txt is present/);
  });
});

describe('reading a bag: warnings', () => {
  const md5Bag = (): Map<string, Uint8Array> => {
    const a = toUtf8('alpha\n');
    return new Map([
      ['bagit.txt', toUtf8('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')],
      ['data/a.txt', a],
      ['manifest-md5.txt', toUtf8(`${toHex(md5(a))} *./data/a.txt\n`)],
      ['bag-info.txt', toUtf8('Payload-Oxum: 6.1\nX-Custom-Field: y\n')],
    ]);
  };
  it('warns (without rejecting) for md5-only manifests, a missing tag manifest, md5sum markers, ./ paths and unknown bag-info labels', () => {
    const r = readBag({ files: md5Bag() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const w = r.value.warnings.join('\n');
    expect(w).toMatch(/only md5/);
    expect(w).toMatch(/no tag manifest/);
    expect(w).toMatch(/binary-mode marker/);
    expect(w).toMatch(/starts with "\.\/"/);
    expect(w).toMatch(/unknown label "x-custom-field"/);
  });
  it('does not warn for labels the caller expects', () => {
    const r = readBag({ files: md5Bag() }, { knownInfoLabels: ['X-Custom-Field'] });
    expect(r.ok && r.value.warnings.join('\n')).not.toMatch(/x-custom-field/);
  });
});

/** Rewrites the uncompressed (and optionally compressed) size of a named entry in the central directory. */
/** A zip written by hand: local entries in order (stored bytes as given), then central entries that may point anywhere. */
function rawZip(local: { name: string; data: Uint8Array }[], central: { name: string; offset: number; compressed: number; size: number; method?: number }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  const push = (b: Uint8Array): void => {
    parts.push(b);
    at += b.length;
  };
  const header = (size: number, fill: (v: DataView) => void): Uint8Array => {
    const b = new Uint8Array(size);
    fill(new DataView(b.buffer));
    return b;
  };
  for (const l of local) {
    const name = toUtf8(l.name);
    push(header(30, (v) => {
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(26, name.length, true);
    }));
    push(name);
    push(l.data);
  }
  const cdStart = at;
  for (const c of central) {
    const name = toUtf8(c.name);
    push(header(46, (v) => {
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(10, c.method ?? 8, true);
      v.setUint32(20, c.compressed, true);
      v.setUint32(24, c.size, true);
      v.setUint16(28, name.length, true);
      v.setUint32(42, c.offset, true);
    }));
    push(name);
  }
  const cdSize = at - cdStart;
  push(header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, central.length, true);
    v.setUint16(10, central.length, true);
    v.setUint32(12, cdSize, true);
    v.setUint32(16, cdStart, true);
  }));
  const out = new Uint8Array(at);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function patchCentralSize(zip: Uint8Array, name: string, size: number, compressed: number | null = null): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const nameBytes = toUtf8(name);
  for (let i = 0; i + 46 < zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const n = view.getUint16(i + 28, true);
    if (n === nameBytes.length && zip.subarray(i + 46, i + 46 + n).every((b, k) => b === nameBytes[k])) {
      view.setUint32(i + 24, size, true);
      if (compressed !== null) view.setUint32(i + 20, compressed, true);
      return;
    }
  }
  throw new Error(`no central entry ${name}`);
}
