// Shared helpers for the Node browser tools: launch Debian's Chromium through
// playwright-core (never playwright's own browser download), keep requests on
// localhost, bound the run time, and print exactly one JSON object on stdout.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.PRESSROOM_CHROMIUM || '/usr/bin/chromium';

// Without the background-networking flags Chromium opens connections of its
// own, which get refused in bulk on these machines.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

let printed = false;
export function emit(obj) {
  if (printed) return;
  printed = true;
  process.stdout.write(JSON.stringify(obj) + '\n');
}

// Run main(browser) with a fresh profile (launch() uses a new temporary
// user-data-dir each time) and a hard deadline; always close the browser.
export async function withBrowser(main, { deadlineMs = 90_000 } = {}) {
  const timer = setTimeout(() => {
    emit({ error: `deadline of ${deadlineMs} ms exceeded` });
    process.exit(3);
  }, deadlineMs);
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 30_000,
    });
    emit(await main(browser));
  } catch (err) {
    emit({ error: String(err && err.stack ? err.stack : err) });
    process.exitCode = 2;
  } finally {
    if (browser) await browser.close().catch(() => {});
    clearTimeout(timer);
  }
}

// A page that may only talk to the server the document came from.
export async function openPage(browser, url, { width = 1280, height = 800 } = {}) {
  // bypassCSP: a page's Content-Security-Policy must not stop axe being injected.
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, bypassCSP: true });
  const origin = new URL(url).origin;
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin + '/') || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  if (!response || !response.ok()) {
    throw new Error(`could not load ${url}: HTTP ${response ? response.status() : 'no response'}`);
  }
  return page;
}
