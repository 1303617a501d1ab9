// Writes a Vite app of N modules into DIR: index.html, main.js, and mod/m0.js .. m(N-1).js.
//   node generate.mjs DIR [N=300] [fanout|chain]
// fanout: main.js imports every module (the browser can fetch them all at once, as a big app's
//   dependency graph mostly allows); chain: each module imports the next (a waterfall, one request
//   in flight). main.js runs after every module it imports has run, so it stamps the load's end:
//   window.__loaded = performance.now() (ms since the navigation started).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, countText = '300', shape = 'fanout'] = process.argv.slice(2);
const count = Number.parseInt(countText, 10);
if (!dir || !Number.isInteger(count) || count < 1 || !['fanout', 'chain'].includes(shape)) {
  console.error('usage: node generate.mjs DIR [N>=1] [fanout|chain]');
  process.exit(2);
}
mkdirSync(join(dir, 'mod'), { recursive: true });
// About 1 KiB per module, like a small component: the bytes are part of what a proxy carries.
const filler = Array.from({ length: 16 }, (_, i) => `// line ${i} of a module body that stands in for real code.`).join('\n');
for (let i = 0; i < count; i++) {
  const next = shape === 'chain' && i + 1 < count ? `import { value as next } from './m${i + 1}.js';\n` : '';
  const value = shape === 'chain' && i + 1 < count ? `next + 1` : '1';
  writeFileSync(join(dir, 'mod', `m${i}.js`), `${next}${filler}\nexport const value = ${value};\nglobalThis.__modules = (globalThis.__modules || 0) + 1;\n`);
}
const imports = shape === 'chain'
  ? `import { value as v0 } from './mod/m0.js';\nconst total = v0;\n`
  : Array.from({ length: count }, (_, i) => `import { value as v${i} } from './mod/m${i}.js';`).join('\n')
    + `\nconst total = ${Array.from({ length: count }, (_, i) => `v${i}`).join(' + ')};\n`;
writeFileSync(join(dir, 'main.js'), `${imports}document.getElementById('out').textContent = 'modules: ' + globalThis.__modules + ', total ' + total;\nwindow.__loaded = performance.now();\n`);
writeFileSync(join(dir, 'index.html'), `<!doctype html>\n<html><head><meta charset="utf-8"><title>pageload</title></head>\n<body><p id="out">loading</p><script type="module" src="/main.js"></script></body></html>\n`);
console.log(`generated ${count} modules (${shape}) in ${dir}`);
