// Initial JavaScript of the built dashboard, gzipped: the entry script and every chunk it preloads, as index.html
// names them (lazy chunks — charts, PNG and XLSX exports — are not counted). Fails above the budget.
// Usage: node apps/web/scripts/bundle-size.mjs [distDir] [budgetKb]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist/web';
const budgetKb = Number(process.argv[3] ?? 250);
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(path.join(dist, file.replace(/^\//, '')))).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(8)} KB gzip  ${file}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(8)} KB gzip  initial JavaScript (budget ${budgetKb} KB)`);
if (files.length === 0 || total > budgetKb * 1024) {
  console.error(files.length === 0 ? 'no script found in index.html' : 'over budget');
  process.exit(1);
}
