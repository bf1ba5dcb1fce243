// Usage: node live_edit.mjs URL STEPS.json
// Drives `pressroom serve` as an editor would: opens the preview, then for each step writes a
// file (as saving it in an editor does) and waits until the page, reloading by itself, shows the
// expected text. STEPS.json: [{"write": PATH, "content": TEXT, "expect": TEXT, "absent": TEXT}].
// Prints {"steps": [{expect, seconds, reloads}...]} or {"error": ...} as JSON.
import fs from 'node:fs';
import { withBrowser, openPage } from './browser.mjs';

const [url, stepsFile] = process.argv.slice(2);
if (!url || !stepsFile) {
  console.error('usage: node live_edit.mjs URL STEPS.json');
  process.exit(64);
}
const steps = JSON.parse(fs.readFileSync(stepsFile, 'utf8'));
const WAIT_MS = 30_000;

// The page's text, or '' while it is between two documents (a reload in progress).
async function bodyText(page) {
  try {
    return await page.evaluate(() => (document.body ? document.body.innerText : ''));
  } catch {
    return '';
  }
}

async function waitFor(page, expect, absent) {
  const t0 = Date.now();
  for (;;) {
    const text = await bodyText(page);
    if (text.includes(expect) && !(absent && text.includes(absent))) return (Date.now() - t0) / 1000;
    if (Date.now() - t0 > WAIT_MS) {
      throw new Error(`"${expect}" not shown within ${WAIT_MS} ms; the page says: ${text.slice(0, 400)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

await withBrowser(async (browser) => {
  const page = await openPage(browser, url);
  let reloads = 0;
  page.on('load', () => { reloads += 1; });
  const done = [];
  for (const step of steps) {
    const before = reloads;
    if (step.write) fs.writeFileSync(step.write, step.content);
    const seconds = await waitFor(page, step.expect, step.absent);
    done.push({ expect: step.expect, seconds, reloads: reloads - before });
  }
  return { steps: done };
}, { deadlineMs: 120_000 });
