// Cold page loads in a real Chromium (playwright-core driving the given executable), alternating
// between targets, and a summary with medians and ratios against the first target.
//   node load.mjs CONFIG_JSON
// CONFIG_JSON: {"chromium": "/usr/bin/chromium", "runs": 5, "warmup": 1, "home": DIR,
//   "targets": [{"name": "direct", "url": "http://127.0.0.1:PORT/"}, ...]}
// Each load: a new browser context (its own empty cache and connection pool) with the cache also
// disabled over CDP; it ends when the app's main module has run (window.__loaded, ms since the
// navigation started). HOME is `home`, so Chromium reads the NSS db in HOME/.pki/nssdb (where the
// caller put a CA to trust); certificate errors are not ignored.
import { chromium } from 'playwright-core';

const config = JSON.parse(process.argv[2]);
const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const browser = await chromium.launch({
  executablePath: config.chromium, headless: true, args: flags,
  env: { ...process.env, HOME: config.home },
});

async function load(target) {
  const context = await browser.newContext({ ignoreHTTPSErrors: false });
  try {
    // The default buffer holds 250 entries; a 300-module page makes more.
    await context.addInitScript(() => performance.setResourceTimingBufferSize(100000));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(target.url, { waitUntil: 'commit', timeout: 60000 });
    await page.waitForFunction(() => window.__loaded !== undefined, null, { timeout: 60000 });
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource');
      const protocols = {};
      for (const e of [nav, ...resources]) protocols[e.nextHopProtocol || '?'] = (protocols[e.nextHopProtocol || '?'] || 0) + 1;
      return { ms: window.__loaded, requests: 1 + resources.length, protocols, modules: globalThis.__modules };
    });
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const results = Object.fromEntries(config.targets.map((t) => [t.name, []]));
const seen = {};
try {
  for (const t of config.targets) {
    for (let w = 0; w < (config.warmup ?? 1); w++) await load(t); // Vite transforms each module once
  }
  for (let run = 0; run < config.runs; run++) {
    // Rotate the order so no target always goes first after a pause.
    const order = config.targets.map((_, i) => config.targets[(i + run) % config.targets.length]);
    for (const t of order) {
      const r = await load(t);
      results[t.name].push(r.ms);
      seen[t.name] = r;
      console.error(`run ${run + 1} ${t.name}: ${r.ms.toFixed(0)} ms, ${r.requests} requests, ${JSON.stringify(r.protocols)}`);
    }
  }
} finally {
  await browser.close();
}

const reference = median(results[config.targets[0].name]);
const summary = config.targets.map((t) => ({
  name: t.name, url: t.url, median: median(results[t.name]), runs: results[t.name],
  ratio: median(results[t.name]) / reference, requests: seen[t.name].requests,
  modules: seen[t.name].modules, protocols: seen[t.name].protocols,
}));
console.log(JSON.stringify(summary));
