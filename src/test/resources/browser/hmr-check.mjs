// BrowserIT's browser: opens the app in Chromium (headless, through playwright-core), waits until Vite's
// HMR client says it is connected, edits a module on disk and waits for the page to show the change.
// Prints one JSON object with what it saw; the test asserts on it.
//   node hmr-check.mjs '{"chromium": PATH, "home": DIR, "url": URL, "module": FILE, "from": TEXT, "to": TEXT}'
// HOME is `home`: Chromium trusts the CAs in HOME/.pki/nssdb; certificate errors are not ignored.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const config = JSON.parse(process.argv[2]);
const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const result = { sockets: [], navigations: 0, console: [] };
const state = (page) => page.evaluate(() => ({ text: document.getElementById('out')?.textContent ?? null,
  bootId: window.__bootId ?? null, protocol: performance.getEntriesByType('navigation')[0]?.nextHopProtocol ?? null }));

const browser = await chromium.launch({ executablePath: config.chromium, headless: true, args: flags,
  env: { ...process.env, HOME: config.home } });
try {
  const context = await browser.newContext({ ignoreHTTPSErrors: false });
  const page = await context.newPage();
  page.on('websocket', (ws) => {
    const socket = { url: ws.url(), framesReceived: 0, closed: false };
    result.sockets.push(socket);
    ws.on('framereceived', () => { socket.framesReceived++; });
    ws.on('close', () => { socket.closed = true; });
  });
  page.on('framenavigated', (frame) => { if (frame === page.mainFrame()) result.navigations++; });
  const connected = new Promise((resolve) => page.on('console', (message) => {
    result.console.push(message.text());
    if (message.text().includes('[vite] connected')) resolve();
  }));
  await page.goto(config.url, { waitUntil: 'load', timeout: 30000 });
  await page.waitForFunction((from) => document.getElementById('out')?.textContent === from, config.from, { timeout: 30000 });
  await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, 15000))]);
  result.before = await state(page);

  const file = readFileSync(config.module, 'utf8');
  writeFileSync(config.module, file.replace(config.from, config.to));
  try {
    await page.waitForFunction((to) => document.getElementById('out')?.textContent === to, config.to, { timeout: 20000 });
  } catch (e) {
    result.error = `the page did not show the edit: ${e.message.split('\n')[0]}`;
  }
  result.after = await state(page);
} catch (e) {
  result.error = String(e.stack || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
