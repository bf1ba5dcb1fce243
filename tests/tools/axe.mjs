// Usage: node axe.mjs URL [WIDTH HEIGHT [TAGS]]
// TAGS: optional comma-separated axe tags to limit the rules (e.g. wcag2a,wcag2aa).
// Prints {"violations": [...axe violation objects...]} as JSON.
import { createRequire } from 'node:module';
import { withBrowser, openPage } from './browser.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const [url, width = '1280', height = '900', tags = ''] = process.argv.slice(2);
if (!url) {
  console.error('usage: node axe.mjs URL [WIDTH HEIGHT [TAGS]]');
  process.exit(64);
}

await withBrowser(async (browser) => {
  const page = await openPage(browser, url, { width: Number(width), height: Number(height) });
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async (tags) => {
    const options = { resultTypes: ['violations'] };
    if (tags.length) options.runOnly = { type: 'tag', values: tags };
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, options);
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
  }, tags.split(',').filter(Boolean));
  return result;
});
