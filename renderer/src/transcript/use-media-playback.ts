// State and commands of one <audio>/<video> element. React state mirrors the element's events (so the UI
// shows what the element really does), and commands act on the element itself. Playing a time range
// stops at its end: checked on every `timeupdate` and, while playing, on every animation frame, because
// `timeupdate` alone may fire only every 250 ms.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject, type SyntheticEvent } from 'react';

/** Playback speeds offered, as multiples of normal speed. */
export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;
/** Seconds moved by the back/forward buttons and the J, L, ← and → keys. */
export const SEEK_STEP_SECONDS = 5;
/** Slowest playback speed accepted. */
export const MIN_PLAYBACK_RATE = 0.5;
/** Fastest playback speed accepted. */
export const MAX_PLAYBACK_RATE = 2;
/** A seek that lands this far (seconds) outside a playing range ends the range. */
export const RANGE_SEEK_TOLERANCE_SECONDS = 0.25;

/** What the UI shows of the media element, updated from its events. */
export interface PlaybackState {
  /** Current position in seconds. */
  time: number;
  /** Duration in seconds, or null until the metadata is known. */
  duration: number | null;
  /** True when not playing. */
  paused: boolean;
  /** Playback speed. */
  rate: number;
  /** The time range being played to its end (a passage), or null. */
  range: [start: number, end: number] | null;
  /** A message when the recording cannot be loaded or played, else null. */
  error: string | null;
}

/** Event handlers to spread on the media element so the state follows it. */
export interface MediaEventHandlers {
  onTimeUpdate(e: SyntheticEvent<HTMLMediaElement>): void;
  onSeeked(e: SyntheticEvent<HTMLMediaElement>): void;
  onPlay(e: SyntheticEvent<HTMLMediaElement>): void;
  onPause(e: SyntheticEvent<HTMLMediaElement>): void;
  onRateChange(e: SyntheticEvent<HTMLMediaElement>): void;
  onLoadedMetadata(e: SyntheticEvent<HTMLMediaElement>): void;
  onDurationChange(e: SyntheticEvent<HTMLMediaElement>): void;
  onError(e: SyntheticEvent<HTMLMediaElement>): void;
}

/** Commands acting on the media element; each does nothing when there is no element. */
export interface PlaybackControls {
  /** Starts playing (reports a refused or failed play in `error`). */
  play(): void;
  /** Pauses. */
  pause(): void;
  /** Plays when paused, pauses when playing. */
  toggle(): void;
  /** Moves to `t` seconds (clamped to the recording), ending any range that no longer holds it. */
  seek(t: number): void;
  /** Moves by `delta` seconds. */
  seekBy(delta: number): void;
  /** Sets the speed, clamped to MIN_PLAYBACK_RATE..MAX_PLAYBACK_RATE. */
  setRate(rate: number): void;
  /** Seeks to `start` and plays until `end`, then pauses. */
  playRange(start: number, end: number): void;
}

const MEDIA_ERROR_MESSAGES: Record<number, string> = {
  1: 'Loading the recording was aborted.',
  2: 'The recording could not be read.',
  3: 'The recording could not be decoded; the file may be damaged.',
  4: 'This recording format is not supported here. Try an MP3, WAV, M4A, Ogg, WebM or MP4 file.',
};

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Tracks and drives the media element in `mediaRef`; never throws. */
export function useMediaPlayback(mediaRef: RefObject<HTMLMediaElement | null>): {
  state: PlaybackState;
  controls: PlaybackControls;
  handlers: MediaEventHandlers;
} {
  const [state, setState] = useState<PlaybackState>({ time: 0, duration: null, paused: true, rate: 1, range: null, error: null });
  const rangeRef = useRef<[number, number] | null>(null);

  const setRange = useCallback((range: [number, number] | null) => {
    rangeRef.current = range;
    setState((s) => (s.range === range ? s : { ...s, range }));
  }, []);

  const stopAtRangeEnd = useCallback(
    (media: HTMLMediaElement) => {
      const range = rangeRef.current;
      if (range && media.currentTime >= range[1]) {
        setRange(null);
        media.pause();
      }
    },
    [setRange],
  );

  const play = useCallback(() => {
    const media = mediaRef.current;
    if (!media) return;
    setState((s) => (s.error === null ? s : { ...s, error: null }));
    let pending: Promise<void> | undefined;
    try {
      pending = media.play();
    } catch (e) {
      setState((s) => ({ ...s, error: `The recording could not be played: ${e instanceof Error ? e.message : String(e)}` }));
      return;
    }
    // Older engines return undefined; a refused play (autoplay policy, no source) rejects.
    pending?.catch((e: unknown) => {
      if (e instanceof DOMException && e.name === 'AbortError') return; // a newer seek or pause replaced it
      setState((s) => ({ ...s, error: `The recording could not be played: ${e instanceof Error ? e.message : String(e)}` }));
    });
  }, [mediaRef]);

  const pause = useCallback(() => {
    mediaRef.current?.pause();
  }, [mediaRef]);

  const toggle = useCallback(() => {
    const media = mediaRef.current;
    if (!media) return;
    if (media.paused) play();
    else media.pause();
  }, [mediaRef, play]);

  const seek = useCallback(
    (t: number) => {
      const media = mediaRef.current;
      if (!media || !Number.isFinite(t)) return;
      const duration = Number.isFinite(media.duration) ? media.duration : Infinity;
      const target = clamp(t, 0, duration);
      const range = rangeRef.current;
      if (range && (target < range[0] - RANGE_SEEK_TOLERANCE_SECONDS || target > range[1])) setRange(null);
      media.currentTime = target;
      setState((s) => ({ ...s, time: target }));
    },
    [mediaRef, setRange],
  );

  const seekBy = useCallback(
    (delta: number) => {
      const media = mediaRef.current;
      if (media) seek(media.currentTime + delta);
    },
    [mediaRef, seek],
  );

  const setRate = useCallback(
    (rate: number) => {
      const media = mediaRef.current;
      if (!media || !Number.isFinite(rate)) return;
      media.playbackRate = clamp(rate, MIN_PLAYBACK_RATE, MAX_PLAYBACK_RATE);
      setState((s) => ({ ...s, rate: media.playbackRate }));
    },
    [mediaRef],
  );

  const playRange = useCallback(
    (start: number, end: number) => {
      const media = mediaRef.current;
      if (!media || !(end > start)) return;
      setRange(null);
      seek(start);
      setRange([start, end]);
      play();
    },
    [mediaRef, seek, setRange, play],
  );

  // While a range plays, check its end on every frame so it stops within a frame of the end.
  useEffect(() => {
    if (state.paused || state.range === null) return;
    let frame = 0;
    const check = () => {
      const media = mediaRef.current;
      if (!media || rangeRef.current === null) return;
      stopAtRangeEnd(media);
      frame = requestAnimationFrame(check);
    };
    frame = requestAnimationFrame(check);
    return () => cancelAnimationFrame(frame);
  }, [state.paused, state.range, mediaRef, stopAtRangeEnd]);

  const handlers = useMemo<MediaEventHandlers>(
    () => ({
      onTimeUpdate: (e) => {
        const media = e.currentTarget;
        stopAtRangeEnd(media);
        const time = media.currentTime;
        setState((s) => (s.time === time ? s : { ...s, time }));
      },
      onSeeked: (e) => {
        const time = e.currentTarget.currentTime;
        setState((s) => (s.time === time ? s : { ...s, time }));
      },
      onPlay: () => setState((s) => ({ ...s, paused: false })),
      onPause: () => {
        // A pause by the user ends a range as well: resuming should not stop at an old passage's end.
        rangeRef.current = null;
        setState((s) => ({ ...s, paused: true, range: null }));
      },
      onRateChange: (e) => {
        const rate = e.currentTarget.playbackRate;
        setState((s) => ({ ...s, rate }));
      },
      onLoadedMetadata: (e) => {
        const d = e.currentTarget.duration;
        setState((s) => ({ ...s, duration: Number.isFinite(d) ? d : null, error: null }));
      },
      onDurationChange: (e) => {
        const d = e.currentTarget.duration;
        setState((s) => ({ ...s, duration: Number.isFinite(d) ? d : null }));
      },
      onError: (e) => {
        const code = e.currentTarget.error?.code ?? 0;
        setState((s) => ({ ...s, paused: true, error: MEDIA_ERROR_MESSAGES[code] ?? 'The recording could not be loaded.' }));
      },
    }),
    [stopAtRangeEnd],
  );

  const controls = useMemo<PlaybackControls>(
    () => ({ play, pause, toggle, seek, seekBy, setRate, playRange }),
    [play, pause, toggle, seek, seekBy, setRate, playRange],
  );

  return { state, controls, handlers };
}
