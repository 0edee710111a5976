import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addSources, createWorkspace, selectText } from './app-helpers.ts';
import { openSession, type Session } from './browser.ts';

// Issue 6's end-to-end path with a real recording made here: espeak-ng speaks three sentences, sox joins
// them, and a WebVTT transcript gets each sentence's true start and end from the measured durations.
const SENTENCES = [
  'The committee met on the fourth of March.',
  'Its members voted to publish every record.',
  'The archive opened to the public a year later.',
];

/** The words of a sentence spoken from `start` for `duration` seconds, each with an even share: [word, start, end]. */
function evenWordTimes(sentence: string, start: number, duration: number): [string, number, number][] {
  const words = sentence.split(' ');
  const share = duration / words.length;
  return words.map((w, k) => [w, start + k * share, start + (k + 1) * share]);
}

function toVttTime(s: number): string {
  const ms = Math.round(s * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sec = Math.floor((ms % 60_000) / 1000);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

describe('transcripts with their recording in Chromium', () => {
  let session: Session;
  let dir: string;
  let wav: string;
  let vtt: string;
  let whisper: string;
  const starts: number[] = [];
  const durations: number[] = [];
  const wordTimes = (i: number): [string, number, number][] => evenWordTimes(SENTENCES[i]!, starts[i]!, durations[i]!);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pd-rec-'));
    const parts: string[] = [];
    let t = 0;
    const cues: string[] = [];
    SENTENCES.forEach((text, i) => {
      const part = path.join(dir, `s${i}.wav`);
      execFileSync('espeak-ng', ['-w', part, '-s', '160', text]);
      const duration = Number(execFileSync('soxi', ['-D', part]).toString().trim());
      parts.push(part);
      starts.push(t);
      durations.push(duration);
      cues.push(`${i + 1}\n${toVttTime(t)} --> ${toVttTime(t + duration)}\n<v Clerk>${text}\n`);
      t += duration;
    });
    wav = path.join(dir, 'minutes.wav');
    execFileSync('sox', [...parts, wav]);
    vtt = path.join(dir, 'minutes.vtt');
    writeFileSync(vtt, `WEBVTT\n\n${cues.join('\n')}`);
    // The same recording as Whisper JSON with word timestamps (each sentence's words share its measured duration evenly).
    whisper = path.join(dir, 'minutes-words.json');
    writeFileSync(
      whisper,
      JSON.stringify({
        segments: SENTENCES.map((text, i) => ({ id: i, start: starts[i], end: starts[i]! + durations[i]!, text: ` ${text}`, words: wordTimes(i).map(([word, start, end]) => ({ word: ` ${word}`, start, end })) })),
      }),
    );
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A new workspace with the transcript added and the recording attached to it; resolves with the media element once it has loaded its metadata. */
  async function openWithRecording(page: Page, workspace: string, transcript: string, listedAs: RegExp): Promise<Locator> {
    await createWorkspace(page, inject('baseURL'), workspace);
    await addSources(page, [transcript], [listedAs]);
    await page.getByRole('list', { name: 'Cues' }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /Attach recording/ }).click();
    await (await chooser).setFiles(wav);
    const media = page.getByLabel('Recording');
    await media.waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForFunction(() => {
      const m = document.querySelector('[aria-label="Recording"]') as HTMLMediaElement | null;
      return m !== null && m.readyState >= 1;
    });
    return media;
  }

  it('plays from a clicked cue, makes a passage across two cues, and keeps it after a reload', async () => {
    const { page, problems } = session;
    const media = await openWithRecording(page, 'Minutes', vtt, /^Transcript minutes/);
    expect(await media.evaluate((m) => (m as HTMLMediaElement).src)).toMatch(/^blob:/);

    // Clicking the second cue's timecode seeks the recording to that cue's start.
    await page.getByRole('button', { name: /^Cue 2 at / }).click();
    await expect.poll(() => media.evaluate((m) => (m as HTMLMediaElement).currentTime), { timeout: 10_000 }).toBeGreaterThanOrEqual(starts[1]! - 0.05);
    const current = await media.evaluate((m) => (m as HTMLMediaElement).currentTime);
    expect(current).toBeLessThan(starts[2]!);
    await media.evaluate((m) => (m as HTMLMediaElement).pause());

    // A passage across the first two cues.
    await selectText(page, '[aria-label="Cues"]', 'fourth of March.', 'voted to publish');
    await page.getByRole('button', { name: 'Highlight selection' }).click();
    await page.getByRole('region', { name: 'New highlight' }).waitFor();
    await page.getByRole('region', { name: 'New highlight' }).getByRole('button', { name: 'Save highlight' }).click();
    await page.locator('mark[data-passage-id]').first().waitFor();
    const marked = (await page.locator('mark[data-passage-id]').allTextContents()).join(' ');
    expect(marked).toContain('fourth of March');
    expect(marked).toContain('voted to publish');

    await page.reload();
    await page.getByRole('list', { name: 'Source files' }).getByRole('button', { name: /^Transcript minutes/ }).click();
    await page.locator('mark[data-passage-id]').first().waitFor({ timeout: 30_000 });
    expect((await page.locator('mark[data-passage-id]').allTextContents()).join(' ')).toContain('voted to publish');
    await page.getByLabel('Recording').waitFor({ state: 'attached' });
    expect(problems).toEqual([]);
  });

  it('plays a passage of a Whisper transcript with word timestamps from its first word to its last, not the whole segment', async () => {
    // A browser profile of its own: a new user and workspace.
    const own = await openSession();
    try {
      await playWordTimedPassage(own);
    } finally {
      await own.close();
    }
  });

  async function playWordTimedPassage({ page, problems }: Session): Promise<void> {
    const media = await openWithRecording(page, 'Minutes with words', whisper, /^Transcript minutes-words/);

    // "voted to publish": words 3 to 5 of the second sentence, well inside its segment.
    const words = wordTimes(1);
    const [votedStart, publishEnd] = [words[2]![1], words[4]![2]];
    expect(votedStart - starts[1]!).toBeGreaterThan(0.3);
    await selectText(page, '[aria-label="Cues"]', 'voted', 'to publish');
    await page.getByRole('button', { name: 'Highlight selection' }).click();
    await page.getByRole('region', { name: 'New highlight' }).getByRole('button', { name: 'Save highlight' }).click();
    const mark = page.locator('mark[data-passage-id]').first();
    await mark.waitFor();
    await mark.click();
    await page.getByRole('button', { name: 'Play passage' }).click();
    const at = await media.evaluate((m) => (m as HTMLMediaElement).currentTime);
    expect(at).toBeGreaterThanOrEqual(votedStart - 0.01);
    expect(at).toBeLessThan(votedStart + 0.3);
    await expect.poll(() => media.evaluate((m) => (m as HTMLMediaElement).paused), { timeout: 15_000 }).toBe(true);
    const stopped = await media.evaluate((m) => (m as HTMLMediaElement).currentTime);
    expect(stopped).toBeGreaterThan(votedStart);
    expect(stopped).toBeLessThan(publishEnd + 0.25);
    expect(stopped).toBeLessThan(starts[1]! + durations[1]! - 0.2);
    expect(problems).toEqual([]);
  }
});
