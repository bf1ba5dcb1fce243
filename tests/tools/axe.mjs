// Usage: node axe.mjs URL [WIDTHS HEIGHTS [TAGS [SCHEMES]]]
// WIDTHS, HEIGHTS: comma-separated, one viewport per pair (one browser for all of them).
// TAGS: optional comma-separated axe tags to limit the rules (e.g. wcag2a,wcag2aa).
// SCHEMES: comma-separated prefers-color-scheme values to emulate (default: light).
// Prints {"violations": [...axe violation objects, each with its viewport and scheme...]} as JSON.
import { createRequire } from 'node:module';
import { withBrowser, openPage } from './browser.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const [url, widths = '1280', heights = '900', tags = '', schemes = 'light'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node axe.mjs URL [WIDTHS HEIGHTS [TAGS [SCHEMES]]]');
  process.exit(64);
}
const ws = widths.split(',').map(Number);
const hs = heights.split(',').map(Number);

await withBrowser(async (browser) => {
  const violations = [];
  let version = null;
  for (let i = 0; i < ws.length; i++) {
    for (const scheme of schemes.split(',')) {
      const page = await openPage(browser, url, { width: ws[i], height: hs[i] ?? hs[0] });
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(() => document.fonts.ready);
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
      version = result.version;
      for (const v of result.violations) violations.push({ ...v, viewport: ws[i], scheme });
      await page.context().close();
    }
  }
  return { version, violations };
}, { deadlineMs: 110_000 });
