// Usage: node screenshot.mjs URL OUT.png WIDTH HEIGHT [full|viewport][-dark]
//   ... repeated: node screenshot.mjs URL OUT1.png W1 H1 full OUT2.png W2 H2 viewport
// Takes one PNG per (OUT, WIDTH, HEIGHT, full|viewport) group with Chromium.
// Prints {"files": [...]} as JSON.
import { withBrowser, openPage } from './browser.mjs';

const [url, ...rest] = process.argv.slice(2);
if (!url || rest.length === 0 || rest.length % 4 !== 0) {
  console.error('usage: node screenshot.mjs URL (OUT.png WIDTH HEIGHT full|viewport)...');
  process.exit(64);
}

await withBrowser(async (browser) => {
  const files = [];
  for (let i = 0; i < rest.length; i += 4) {
    const [out, width, height, mode] = rest.slice(i, i + 4);
    const page = await openPage(browser, url, { width: Number(width), height: Number(height) });
    if (mode.endsWith('-dark')) await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => document.fonts.ready);
    const hash = new URL(url).hash;
    if (hash) {
      // scroll the fragment target to the top, as a reader following a link would see it
      await page.evaluate((id) => document.getElementById(id)?.scrollIntoView(), decodeURIComponent(hash.slice(1)));
    }
    await page.screenshot({ path: out, fullPage: mode.startsWith('full'), animations: 'disabled' });
    await page.context().close();
    files.push(out);
  }
  return { files };
}, { deadlineMs: 110_000 });
