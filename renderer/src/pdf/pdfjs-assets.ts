// Where the renderer serves pdf.js's CMaps, standard fonts and wasm (see vite-plugin-pdfjs-assets.ts).
// Kept apart from pdfjs.ts so that modules which only need the URLs do not load pdf.js.

/** Where pdf.js finds its CMaps, standard fonts and wasm decoders (absolute URLs with a trailing slash). */
export interface PdfjsAssetUrls {
  /** Adobe CMaps (binary packed). */
  cMapUrl: string;
  /** The 14 standard fonts and their Foxit replacements. */
  standardFontDataUrl: string;
  /** OpenJPEG, JBIG2 and QCMS wasm modules. */
  wasmUrl: string;
}

/** The asset URLs for an app served from `baseUri` (the page's `document.baseURI`), per vite-plugin-pdfjs-assets; never throws for a valid URL. */
export function pdfjsAssetUrls(baseUri: string): PdfjsAssetUrls {
  const base = new URL(`${import.meta.env.BASE_URL}pdfjs/`, baseUri);
  return {
    cMapUrl: new URL('cmaps/', base).href,
    standardFontDataUrl: new URL('standard_fonts/', base).href,
    wasmUrl: new URL('wasm/', base).href,
  };
}
