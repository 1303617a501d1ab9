// Cold page loads in a real Chromium (playwright-core driving the given executable), alternating
// between targets, and a summary with medians and ratios against the first target.
//   node load.mjs CONFIG_JSON
// CONFIG_JSON: {"chromium": "/usr/bin/chromium", "runs": 5, "warmup": 3, "home": DIR,
//   "cpu": {"lpm": PID, "vite": PID}, "targets": [{"name": "direct", "url": "http://127.0.0.1:PORT/"}, ...]}
// Each load: a new browser context (its own empty cache and connection pool) with the cache also
// disabled over CDP; it ends when the app's main module has run (window.__loaded, ms since the
// navigation started). HOME is `home`, so Chromium reads the NSS db in HOME/.pki/nssdb (where the
// caller put a CA to trust); certificate errors are not ignored.
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';

const config = JSON.parse(process.argv[2]);
const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const browser = await chromium.launch({
  executablePath: config.chromium, headless: true, args: flags,
  env: { ...process.env, HOME: config.home },
});

// CPU time (ms) over a load: the whole machine's (/proc/stat: every process, the kernel's network
// work too) and that of each process tree in config.cpu (lpm's daemon, the dev server). On a machine
// where the browser, the server and the proxy share few cores, the proxy's CPU is what it adds.
const TICK_MS = 10; // USER_HZ is 100 on Linux
function machineBusyMs() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (f.reduce((a, b) => a + b, 0) - f[3] - f[4]) * TICK_MS; // all but idle and iowait
}
function processTable() {
  const table = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(d)) continue;
    try {
      const st = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      table.set(Number(d), { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS });
    } catch { /* gone meanwhile */ }
  }
  return table;
}
function treeMs(table, root) {
  let total = 0;
  for (const [pid, p] of table) {
    for (let q = pid, hops = 0; q > 1 && hops < 64; q = table.get(q)?.ppid ?? 0, hops++) {
      if (q === root) { total += p.ms; break; }
    }
  }
  return total;
}
function cpuNow() {
  const table = processTable();
  const now = { machine: machineBusyMs() };
  for (const [name, pid] of Object.entries(config.cpu ?? {})) now[name] = treeMs(table, pid);
  return now;
}

async function load(target) {
  const context = await browser.newContext({ ignoreHTTPSErrors: false });
  try {
    // The default buffer holds 250 entries; a 300-module page makes more.
    await context.addInitScript(() => performance.setResourceTimingBufferSize(100000));
    const page = await context.newPage();
    const problems = []; // what the page saw go wrong, reported with a failed load
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(target.url, { waitUntil: 'commit', timeout: 60000 });
    try {
      await page.waitForFunction(() => window.__loaded !== undefined, null, { timeout: 30000 });
    } catch (e) {
      // A load that never finishes is a result too (a stall in the path under test): say how far it got.
      const got = await page.evaluate(() => ({ modules: globalThis.__modules ?? 0,
        responses: performance.getEntriesByType('resource').length })).catch(() => ({}));
      return { failed: `${e.name}: ${e.message.split('\n')[0]}; ${got.modules} modules ran, ${got.responses} resources finished`
        + (problems.length ? `; ${problems.slice(0, 5).join('; ')}` : '; no error seen') };
    }
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
const failures = Object.fromEntries(config.targets.map((t) => [t.name, []]));
const seen = {};
const cpu = Object.fromEntries(config.targets.map((t) => [t.name, {}]));
try {
  for (const t of config.targets) {
    for (let w = 0; w < (config.warmup ?? 1); w++) { // Vite transforms each module once
      const r = await load(t);
      if (r.failed) console.error(`warm-up ${t.name}: FAILED ${r.failed}`);
    }
  }
  for (let run = 0; run < config.runs; run++) {
    // Rotate the order so no target always goes first after a pause.
    const order = config.targets.map((_, i) => config.targets[(i + run) % config.targets.length]);
    for (const t of order) {
      const before = cpuNow();
      const r = await load(t);
      const after = cpuNow();
      if (r.failed) {
        failures[t.name].push(r.failed);
        console.error(`run ${run + 1} ${t.name}: FAILED ${r.failed}`);
        continue;
      }
      results[t.name].push(r.ms);
      for (const k of Object.keys(after)) (cpu[t.name][k] ??= []).push(after[k] - before[k]);
      seen[t.name] = r;
      console.error(`run ${run + 1} ${t.name}: ${r.ms.toFixed(0)} ms, ${r.requests} requests, ${JSON.stringify(r.protocols)}`
        + `, CPU ms ${JSON.stringify(Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]])))}`);
    }
  }
} finally {
  await browser.close();
}

const median_or_null = (xs) => (xs.length ? median(xs) : null);
const reference = median_or_null(results[config.targets[0].name]);
const summary = config.targets.map((t) => ({
  name: t.name, url: t.url, median: median_or_null(results[t.name]), runs: results[t.name],
  ratio: reference && results[t.name].length ? median(results[t.name]) / reference : null,
  requests: seen[t.name]?.requests ?? null, modules: seen[t.name]?.modules ?? null,
  protocols: seen[t.name]?.protocols ?? {}, failures: failures[t.name],
  cpu: Object.fromEntries(Object.entries(cpu[t.name]).map(([k, xs]) => [k, median(xs)])),
}));
console.log(JSON.stringify(summary));
