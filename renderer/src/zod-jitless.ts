import { z } from 'zod';

// zod compiles object parsers with `new Function` unless told not to, and probes for eval once; the
// app's CSP forbids eval, so zod stays on its interpreted path. Imported first by main.tsx so it runs
// before any module creates a schema.
z.config({ jitless: true });
