// Opens a PDF for the viewer and destroys it when the bytes change or the component unmounts.
import { useEffect, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { openPdf, PdfPasswordError } from './pdfjs.ts';

/** Where opening a PDF stands. */
export type PdfDocumentState =
  | { status: 'loading' }
  | { status: 'ready'; pdf: PDFDocumentProxy }
  | { status: 'password'; reason: 'needed' | 'incorrect' }
  | { status: 'error'; message: string };

/** Opens `bytes` (null: nothing to open) with the optional password; the state says when to ask for a password. Never throws. */
export function usePdfDocument(bytes: Uint8Array | null, fileName: string, password?: string): PdfDocumentState {
  const [state, setState] = useState<PdfDocumentState>({ status: 'loading' });
  useEffect(() => {
    if (!bytes) return;
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    setState({ status: 'loading' });
    openPdf(bytes, { fileName, ...(password === undefined ? {} : { password }) }).then(
      (pdf) => {
        opened = pdf;
        if (live) setState({ status: 'ready', pdf });
        else void pdf.loadingTask.destroy();
      },
      (error: unknown) => {
        if (!live) return;
        if (error instanceof PdfPasswordError) setState({ status: 'password', reason: error.reason });
        else setState({ status: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
      if (opened) void opened.loadingTask.destroy();
    };
  }, [bytes, fileName, password]);
  return state;
}
