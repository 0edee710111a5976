// The app's one Content-Security-Policy (DESIGN.md, Electron shell). The Electron protocol handler sends
// it on every response and the web server sends the same string, so both runtimes enforce one policy.
// No inline script, no eval, no remote origin: everything the renderer loads comes from its own origin,
// plus blob:/data: where pdf.js and media playback need them.

/** The directives of the policy, in the order they are sent. */
export const CSP_DIRECTIVES: readonly (readonly [directive: string, sources: string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['media-src', "'self' blob:"],
  ['font-src', "'self' data:"],
  ['worker-src', "'self' blob:"],
  ['connect-src', "'self' blob: data:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** The Content-Security-Policy header value every app response carries. */
export const CONTENT_SECURITY_POLICY: string = CSP_DIRECTIVES.map(([directive, sources]) => `${directive} ${sources}`).join('; ');
