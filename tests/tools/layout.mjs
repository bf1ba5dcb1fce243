// Usage: node layout.mjs URL WIDTH[xHEIGHT][,WIDTH[xHEIGHT]...] [light|dark]
// Lays the page out at each width and reports, as one JSON object:
//   measure      characters per line of the body paragraphs (median and extremes): the text
//                column's width over the paragraph's own mean character width; column: its px
//   overflow     how far the page is wider than the window (px; 0 = no sideways scrolling)
//   sidenotes    per displayed sidenote: its top minus its call's top, and whether it overlaps
//                the note above it or the text column
import { withBrowser, openPage } from './browser.mjs';

const [url, sizes, scheme = 'light'] = process.argv.slice(2);
if (!url || !sizes) {
  console.error('usage: node layout.mjs URL WIDTH[xHEIGHT][,...] [light|dark]');
  process.exit(64);
}

await withBrowser(async (browser) => {
  const results = [];
  for (const size of sizes.split(',')) {
    const [width, height = '900'] = size.split('x');
    const page = await openPage(browser, url, { width: Number(width), height: Number(height) });
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate(() => document.fonts.ready);
    results.push(await page.evaluate((width) => {
      const canvas = document.createElement('canvas').getContext('2d');
      const perLine = [];
      let column = 0;
      for (const p of document.querySelectorAll('main p')) {
        if (p.closest('.sidenote, .section-notes, .caption, li, blockquote')) continue;
        const text = p.textContent.replace(/\s+/g, ' ').trim();
        if (text.length < 300) continue;  // long paragraphs: their lines are full
        const cs = getComputedStyle(p);
        canvas.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const mean = canvas.measureText(text).width / text.length;
        perLine.push(p.clientWidth / mean);
        column = Math.max(column, p.clientWidth);
      }
      perLine.sort((a, b) => a - b);
      const notes = [];
      let above = null;
      for (const note of document.querySelectorAll('.sidenote')) {
        if (getComputedStyle(note).display === 'none') continue;
        const call = document.querySelector(`a[href="#${note.id}"]`);
        const n = note.getBoundingClientRect();
        const c = call.getBoundingClientRect();
        const column = note.closest('main').querySelector('p').getBoundingClientRect();
        notes.push({
          id: note.id,
          offset: Math.round(n.top - c.top),
          belowAbove: above ? Math.round(n.top - above.bottom) : null,
          overlapsAbove: above ? n.top < above.bottom - 0.5 : false,
          overlapsText: n.left < column.right - 0.5,
          offScreen: n.right > window.innerWidth + 0.5,
        });
        above = n;
      }
      return {
        width,
        measure: perLine.length ? {
          median: Math.round(perLine[perLine.length >> 1]),
          min: Math.round(perLine[0]),
          max: Math.round(perLine[perLine.length - 1]),
          column,
        } : null,
        fontSize: parseFloat(getComputedStyle(document.querySelector('main p') || document.body).fontSize),
        overflow: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
        sidenotes: notes,
      };
    }, Number(width)));
    await page.context().close();
  }
  return { scheme, results };
});
