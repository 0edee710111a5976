// The stored verification (issue 3 gap): it keeps every named check verifyWorkspace made, each capped so
// the settings row stays within MAX_SETTING_BYTES, and the store refuses any over-size settings write.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toCanonicalBytes } from '../../../shared/ledger/canonical.ts';
import { toEntryLine } from '../../../shared/ledger/entry.ts';
import { MAX_SETTING_BYTES } from '../../../shared/ledger/limits.ts';
import type { LedgerEntry } from '../../../shared/types/events.ts';
import { makeCheckpoint } from '../../../renderer/src/store/checkpoints.ts';
import {
  DeskDb,
  MAX_CHECK_DETAIL_BYTES,
  MAX_CHECK_NAME_BYTES,
  MAX_STORED_CHECKS,
  SettingTooLargeError,
  checkSettingSize,
  type VerificationRecord,
} from '../../../renderer/src/store/db.ts';
import { WORKSPACE_CHECKS, capText, lastVerification, toVerificationRecord, verifyWorkspace, type WorkspaceVerification } from '../../../renderer/src/store/verify.ts';
import { workspaceWithHistory } from './helpers.ts';

const jsonBytes = (s: string) => new TextEncoder().encode(JSON.stringify(s)).length - 2;

function record(detailBytes: number): VerificationRecord {
  return { time: '2026-01-01T00:00:00.000Z', ok: true, size: 1, root: null, failure: null, failedCheck: null, failedSeq: null, checks: [{ name: 'entries', ok: true, detail: 'x'.repeat(detailBytes) }], omittedChecks: 0 };
}

describe('settings size limit', () => {
  it('refuses an over-size settings write with a clear error and writes nothing', async () => {
    const db = new DeskDb('settings-size-limit');
    const big = record(MAX_SETTING_BYTES);
    expect(() => checkSettingSize({ key: 'lastVerification', value: big })).toThrow(SettingTooLargeError);
    await expect(db.settings.put({ key: 'lastVerification', value: big })).rejects.toThrow(
      /^setting lastVerification: its value is \d+ bytes of canonical JSON, more than the 65536 allowed \(MAX_SETTING_BYTES\); nothing was written$/,
    );
    await expect(db.settings.add({ key: 'lastVerification', value: big })).rejects.toBeInstanceOf(SettingTooLargeError);
    await expect(db.settings.bulkPut([{ key: 'actor', value: 'Ana' }, { key: 'lastVerification', value: big }])).rejects.toThrow(/MAX_SETTING_BYTES/);
    await expect(db.settings.put({ key: 'actor', value: 'A'.repeat(MAX_SETTING_BYTES) })).rejects.toThrow(/^setting actor: /);
    expect(await db.settings.count()).toBe(0);

    // Exactly at the limit is stored.
    const base = toCanonicalBytes(record(0)).length;
    const fits = record(MAX_SETTING_BYTES - base);
    expect(checkSettingSize({ key: 'lastVerification', value: fits })).toBe(MAX_SETTING_BYTES);
    await db.settings.put({ key: 'lastVerification', value: fits });
    expect(await lastVerification(db)).toEqual(fits);
    db.close();
  });
});

describe('capText', () => {
  it('keeps short text, cuts long text at a code point with …, within the bytes of its JSON string', () => {
    expect(capText('entries ok', 64)).toBe('entries ok');
    const emoji = '😀'.repeat(500);
    const cut = capText(emoji, 100);
    expect(cut.endsWith('…')).toBe(true);
    expect(jsonBytes(cut)).toBeLessThanOrEqual(100);
    expect([...cut.slice(0, -1)].every((c) => c === '😀')).toBe(true);
    // Control characters are escaped as \u00XX (6 bytes each) in JSON: counted as such.
    const controls = capText('\u0001'.repeat(1000), 60);
    expect(jsonBytes(controls)).toBeLessThanOrEqual(60);
    expect(capText('a\uD800b', 64)).toBe('a\uFFFDb');
  });
});

describe('toVerificationRecord', () => {
  it('keeps a worst-case report within MAX_SETTING_BYTES', () => {
    const huge = '\u0001😀'.repeat(200_000);
    const report: WorkspaceVerification = {
      ok: false,
      size: 10,
      root: 'ab'.repeat(32),
      checks: Array.from({ length: 1000 }, (_, i) => ({ name: `checkpoints ${huge}`, ok: i % 2 === 0, detail: huge })),
      firstFailure: { name: huge, seq: 3, detail: huge },
      verifiedAt: '2026-01-01T00:00:00.000Z',
    };
    const stored = toVerificationRecord(report);
    expect(stored.checks).toHaveLength(MAX_STORED_CHECKS);
    expect(stored.omittedChecks).toBe(1000 - MAX_STORED_CHECKS);
    for (const c of stored.checks!) {
      expect(jsonBytes(c.name)).toBeLessThanOrEqual(MAX_CHECK_NAME_BYTES);
      expect(jsonBytes(c.detail)).toBeLessThanOrEqual(MAX_CHECK_DETAIL_BYTES);
      expect(c.detail.endsWith('…')).toBe(true);
    }
    expect(jsonBytes(stored.failure!)).toBeLessThanOrEqual(MAX_CHECK_DETAIL_BYTES);
    expect(stored.failedSeq).toBe(3);
    expect(checkSettingSize({ key: 'lastVerification', value: stored })).toBeLessThanOrEqual(MAX_SETTING_BYTES);
  });
});

describe('verifyWorkspace stores what it checked', () => {
  it('records every named check of a good workspace', async () => {
    const { db } = await workspaceWithHistory(41, 30);
    await makeCheckpoint(db);
    const report = await verifyWorkspace(db);
    const stored = await lastVerification(db);
    expect(stored).toMatchObject({ ok: true, size: 31, root: report.root, failure: null, failedCheck: null, failedSeq: null, omittedChecks: 0 });
    expect(stored?.checks).toEqual(report.checks);
    expect(stored?.checks?.map((c) => c.name)).toEqual([...WORKSPACE_CHECKS]);
  });

  it('records the first failure with its check and entry', async () => {
    const { db } = await workspaceWithHistory(42, 30);
    const row = (await db.ledger.get(12))!;
    await db.ledger.put({ ...row, line: toEntryLine({ ...(JSON.parse(row.line) as LedgerEntry), time: '2020-01-01T00:00:00.000Z' }) });
    const report = await verifyWorkspace(db);
    const stored = await lastVerification(db);
    expect(stored).toMatchObject({ ok: false, failedCheck: 'merkle', failedSeq: 12, failure: report.firstFailure!.detail });
    expect(stored?.checks?.find((c) => !c.ok)).toEqual({ name: 'merkle', ok: false, detail: report.firstFailure!.detail });
  });
});
