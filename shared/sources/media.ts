// The recordings the app and the CLI take, one list for both: a file is a recording when its extension is
// here (or the platform says audio/… or video/…).

/** Recording file extensions (lowercase, without the dot) and their IANA media types. */
export const RECORDING_MEDIA_TYPES: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  webm: 'video/webm',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
};
