// Renders PDF pages to PNG in Chromium with pdfjs (visual check only; not part of the project).
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
const [file, pagesArg = '1,2', scale = '1.3'] = process.argv.slice(2);
const root = '/work/main/node_modules/pdfjs-dist/build/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.route('http://x/**', (route) => {
  const name = new URL(route.request().url()).pathname.slice(1);
  if (name === 'doc.pdf') return route.fulfill({ body: readFileSync(file), contentType: 'application/pdf' });
  if (name === '') return route.fulfill({ body: '<html><body></body></html>', contentType: 'text/html' });
  return route.fulfill({ body: readFileSync(root + name), contentType: 'text/javascript' });
});
await page.goto('http://x/');
for (const n of pagesArg.split(',').map(Number)) {
  const data = await page.evaluate(async ({ n, scale }) => {
    const pdfjs = await import('http://x/pdf.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = 'http://x/pdf.worker.mjs';
    const doc = await pdfjs.getDocument('http://x/doc.pdf').promise;
    const p = await doc.getPage(n);
    const vp = p.getViewport({ scale });
    const canvas = document.createElement('canvas');
    canvas.width = vp.width; canvas.height = vp.height;
    await p.render({ canvas, canvasContext: canvas.getContext('2d'), viewport: vp }).promise;
    return canvas.toDataURL('image/png');
  }, { n, scale: Number(scale) });
  writeFileSync(`${file}.p${n}.png`, Buffer.from(data.split(',')[1], 'base64'));
}
await browser.close();
