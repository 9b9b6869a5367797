// `npm start`: install what is missing, build the production app (service worker included)
// and serve it locally.
import { ensureDependencies, run } from './lib/setup.mjs';

ensureDependencies();
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);
const port = process.env.PORT ?? '4173';
console.log(`\nDaybook (production build) is served at http://localhost:${port}/ — press Ctrl+C to stop.\n`);
process.exit(run('npx', ['vite', 'preview', '--port', port, '--strictPort']));
