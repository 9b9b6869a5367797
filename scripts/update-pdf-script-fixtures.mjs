// Rewrites the reference pictures of the PDF script test (test/fixtures/pdf-scripts/*.png) from
// the current code: run after a deliberate change to how the report draws text, then look at
// each picture before committing it. Needs poppler-utils (pdftoppm, pdftotext).

import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['vitest', 'run', 'test/core/export/pdf/scripts.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, UPDATE_PDF_SCRIPT_FIXTURES: '1' },
});
process.exit(result.status ?? 1);
