// The recording and its controls. The element is driven by useMediaPlayback, owned by the viewer, so the
// viewer's cue list, shortcuts and passages act on the same element.
import type { ReactNode, RefObject } from 'react';
import { formatTimecode } from './time.ts';
import { PLAYBACK_RATES, SEEK_STEP_SECONDS, type MediaEventHandlers, type PlaybackControls, type PlaybackState } from './use-media-playback.ts';

/** Props of MediaPlayer. */
export interface MediaPlayerProps {
  /** The recording as a blob: (or app-protocol) URL; never a file path. */
  mediaUrl: string;
  /** Whether to render an <audio> or a <video> element. */
  mediaKind: 'audio' | 'video';
  /** Receives the media element. */
  mediaRef: RefObject<HTMLMediaElement | null>;
  /** Playback state from useMediaPlayback. */
  state: PlaybackState;
  /** Commands from useMediaPlayback. */
  controls: PlaybackControls;
  /** Event handlers from useMediaPlayback, spread on the element. */
  handlers: MediaEventHandlers;
  /** Extra controls shown after the built-in ones (play passage, follow playback). */
  children?: ReactNode;
}

function showTime(seconds: number | null): string {
  return seconds === null || !Number.isFinite(seconds) || seconds < 0 ? '--:--:--.---' : formatTimecode(seconds);
}

/** The <audio>/<video> element (aria-label "Recording") with play/pause, ±5 s, position, time and speed controls. */
export function MediaPlayer({ mediaUrl, mediaKind, mediaRef, state, controls, handlers, children }: MediaPlayerProps) {
  const setRef = (el: HTMLMediaElement | null) => {
    mediaRef.current = el;
  };
  const step = SEEK_STEP_SECONDS;
  return (
    <div className="tv-player" role="group" aria-label="Player">
      {mediaKind === 'video' ? (
        <video ref={setRef} className="tv-video" src={mediaUrl} preload="metadata" aria-label="Recording" playsInline {...handlers} />
      ) : (
        <audio ref={setRef} src={mediaUrl} preload="metadata" aria-label="Recording" {...handlers} />
      )}
      <div className="tv-player-controls">
        <button type="button" onClick={() => controls.seekBy(-step)} aria-label={`Back ${step} seconds`} title={`Back ${step} s (J, ←)`}>
          −{step}s
        </button>
        <button
          type="button"
          className="tv-play"
          onClick={controls.toggle}
          aria-label={state.paused ? 'Play' : 'Pause'}
          title={state.paused ? 'Play (Space, K)' : 'Pause (Space, K)'}
        >
          {state.paused ? '▶' : '❚❚'}
        </button>
        <button type="button" onClick={() => controls.seekBy(step)} aria-label={`Forward ${step} seconds`} title={`Forward ${step} s (L, →)`}>
          +{step}s
        </button>
        <input
          type="range"
          className="tv-position"
          aria-label="Position"
          aria-valuetext={showTime(state.time)}
          min={0}
          max={state.duration ?? 0}
          step={0.1}
          value={Math.min(state.time, state.duration ?? state.time)}
          disabled={state.duration === null}
          onChange={(e) => controls.seek(Number(e.currentTarget.value))}
        />
        <span className="tv-clock" aria-label="Time">
          {showTime(state.time)} / {showTime(state.duration)}
        </span>
        <label className="tv-rate">
          <span>Speed</span>
          <select aria-label="Playback speed" value={String(state.rate)} onChange={(e) => controls.setRate(Number(e.currentTarget.value))}>
            {(PLAYBACK_RATES as readonly number[]).includes(state.rate) ? null : <option value={String(state.rate)}>{state.rate}×</option>}
            {PLAYBACK_RATES.map((r) => (
              <option key={r} value={String(r)}>
                {r}×
              </option>
            ))}
          </select>
        </label>
        {children}
      </div>
      {state.error !== null ? (
        <p className="tv-player-error" role="alert">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
