// Usage: node axe.mjs URL [WIDTH HEIGHT]
// Prints {"violations": [...axe violation objects...]} as JSON.
import { createRequire } from 'node:module';
import { withBrowser, openPage } from './browser.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const [url, width = '1280', height = '900'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node axe.mjs URL [WIDTH HEIGHT]');
  process.exit(64);
}

await withBrowser(async (browser) => {
  const page = await openPage(browser, url, { width: Number(width), height: Number(height) });
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return {
      version: axe.version,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
      })),
    };
  });
  return result;
});
