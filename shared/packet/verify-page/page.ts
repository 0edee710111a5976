// The HTML shell of verify.html around the bundled script: offline, self-contained, and with a CSP that
// allows exactly that script (by hash) and inline style, nothing else: no network, no eval.
import { sha256Bytes, toUtf8 } from '../../hash.ts';
import { toBase64 } from '../../ledger/base64.ts';

const PAGE_CSS = `
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
#drop{border:2px dashed #888;padding:2rem;text-align:center;margin:1rem 0}#drop.over{background:#eef}
.verdict{font-size:1.2rem;padding:.8rem;border-radius:4px}.pass{background:#dfd;border:2px solid #2a7}.fail{background:#fdd;border:2px solid #c33}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}
tr.bad td{background:#fee}
`;

/** verify.html around a bundled script (escaped against `</script`); never throws. */
export function verifyPageHtml(script: string): string {
  const safe = script.replace(/<\/(script)/gi, '<\\/$1');
  const hash = toBase64(sha256Bytes(toUtf8(safe)));
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'">`,
    '<title>Verify an evidence packet</title>',
    `<style>${PAGE_CSS}</style></head><body>`,
    '<h1>Verify an evidence packet</h1>',
    '<p>This page works offline and sends nothing anywhere. Give it the packet’s <code>.zip</code> or its unzipped folder: it checks the BagIt manifests, every ledger entry and the root against the signed checkpoint, the signature, every inclusion proof, and every quoted passage against the included texts.</p>',
    '<div id="drop">Drop the packet .zip or its unzipped folder here</div>',
    '<p><label>Packet zip: <input type="file" id="zip" accept=".zip,application/zip"></label></p>',
    '<p><label>Unzipped packet folder: <input type="file" id="folder" webkitdirectory multiple></label></p>',
    '<div id="result" aria-live="polite"></div>',
    `<script>${safe}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
