// Usage: node navigation.mjs URL [WIDTH HEIGHT]
// Clicks, as a reader would, (1) the first in-page link of the contents <nav>
// and (2) the first footnote reference, then that note's back-link, checking
// each time that the target matches :target and is visible in the viewport.
// Prints {"steps": [...], "failures": [...]} as JSON.
import { withBrowser, openPage } from './browser.mjs';

const [url, width = '1280', height = '800'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node navigation.mjs URL [WIDTH HEIGHT]');
  process.exit(64);
}

const HEADING = 'h1, h2, h3, h4, h5, h6';

// Wait until scrolling (including smooth scrolling) has stopped.
async function settle(page) {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const t0 = performance.now();
        let last = null;
        let still = 0;
        const tick = () => {
          const pos = `${window.scrollX},${window.scrollY}`;
          still = pos === last ? still + 1 : 0;
          last = pos;
          if (still >= 6 || performance.now() - t0 > 3000) resolve();
          else requestAnimationFrame(tick);
        };
        tick();
      }),
  );
}

// Inspect element #id after a click: does it exist, is it :target, is the
// element `focusSelector` resolves to (default: itself) in the viewport and
// not covered by something else?
async function inspectTarget(page, id, wantHeading) {
  return page.evaluate(
    ({ id, wantHeading, HEADING }) => {
      const el = document.getElementById(id);
      const hash = decodeURIComponent(location.hash.slice(1));
      if (!el) return { exists: false, hash };
      let shown = el;
      if (wantHeading && !el.matches(HEADING)) {
        shown = el.querySelector(`:scope > ${HEADING.split(', ').join(', :scope > ')}`);
      }
      const out = { exists: true, hash, isTarget: el.matches(':target'), tag: el.tagName.toLowerCase() };
      if (!shown) return { ...out, heading: false };
      const r = shown.getBoundingClientRect();
      out.heading = true;
      out.shownTag = shown.tagName.toLowerCase();
      out.top = Math.round(r.top);
      out.bottom = Math.round(r.bottom);
      out.viewportHeight = window.innerHeight;
      out.inViewport = r.height > 0 && r.top >= -2 && r.top < window.innerHeight - 4;
      if (out.inViewport) {
        const x = Math.min(Math.max(r.left + 4, 0), window.innerWidth - 1);
        const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 12), 0), window.innerHeight - 1);
        const hit = document.elementFromPoint(x, y);
        out.uncovered = !!hit && (shown.contains(hit) || hit.contains(shown));
        out.hit = hit ? hit.tagName.toLowerCase() + (hit.id ? '#' + hit.id : '') : null;
      }
      return out;
    },
    { id, wantHeading, HEADING },
  );
}

function judge(what, id, info, failures, steps) {
  steps.push(`${what}: #${id} -> ${JSON.stringify(info)}`);
  if (!info.exists) {
    failures.push(`${what}: link target #${id} does not exist in the page`);
    return;
  }
  if (info.hash !== id) failures.push(`${what}: location.hash is #${info.hash}, expected #${id}`);
  if (!info.isTarget) failures.push(`${what}: #${id} does not match :target after the click`);
  if (!info.heading) {
    failures.push(`${what}: #${id} is a <${info.tag}> that is neither a heading nor a section starting with one`);
    return;
  }
  if (!info.inViewport) {
    failures.push(
      `${what}: <${info.shownTag}> for #${id} is not in the viewport (top ${info.top}px, viewport ${info.viewportHeight}px)`,
    );
  } else if (!info.uncovered) {
    failures.push(`${what}: <${info.shownTag}> for #${id} is covered by <${info.hit}>`);
  }
}

function fragment(href) {
  const i = href.indexOf('#');
  return i < 0 ? null : decodeURIComponent(href.slice(i + 1));
}

await withBrowser(async (browser) => {
  const steps = [];
  const failures = [];
  const page = await openPage(browser, url, { width: Number(width), height: Number(height) });

  // ---- 1. the first contents entry --------------------------------------
  const toc = await page.evaluate(() => {
    const navs = [...document.querySelectorAll('nav')];
    if (!navs.length) return { error: 'the page has no <nav> element' };
    const nav =
      navs.find((n) => n.matches('[role="doc-toc"], #TOC, #toc, .toc, [epub\\:type~="toc"]')) || navs[0];
    const link = [...nav.querySelectorAll('a[href]')].find((a) => {
      const h = a.getAttribute('href');
      return h.startsWith('#') && h.length > 1;
    });
    if (!link) return { error: 'the contents <nav> has no in-page link (href="#…")' };
    link.setAttribute('data-pressroom-check', 'toc');
    return { href: link.getAttribute('href'), text: link.textContent.trim() };
  });
  if (toc.error) {
    failures.push(`contents: ${toc.error}`);
  } else {
    const id = fragment(toc.href);
    // Collapsed contents (a closed <details>, as on a phone): open them first, as a reader would.
    const opened = await page.evaluate(() => {
      const details = document.querySelector('[data-pressroom-check="toc"]').closest('details:not([open])');
      if (!details) return false;
      details.querySelector('summary').setAttribute('data-pressroom-check', 'summary');
      return true;
    });
    if (opened) {
      steps.push('contents: open the collapsed contents');
      await page.locator('[data-pressroom-check="summary"]').click({ timeout: 5000 });
    }
    steps.push(`contents: click "${toc.text}" (${toc.href})`);
    await page.locator('[data-pressroom-check="toc"]').click({ timeout: 5000 });
    await settle(page);
    judge('contents', id, await inspectTarget(page, id, true), failures, steps);
  }

  // ---- 2. the first footnote and its back-link ----------------------------
  await page.evaluate(() => window.scrollTo(0, 0));
  const note = await page.evaluate(() => {
    const sel = 'a[role="doc-noteref"], a[epub\\:type~="noteref"], a.footnote-ref, sup a[href^="#"]';
    const ref = [...document.querySelectorAll(sel)].find((a) => !a.closest('nav'));
    if (!ref) return { error: 'the page has no footnote reference (a[role=doc-noteref] / a.footnote-ref)' };
    ref.setAttribute('data-pressroom-check', 'noteref');
    const holder = ref.id ? ref : ref.closest('[id]');
    return {
      href: ref.getAttribute('href'),
      text: ref.textContent.trim(),
      refId: holder ? holder.id : null,
    };
  });
  if (note.error) {
    failures.push(`footnote: ${note.error}`);
    return { steps, failures };
  }
  const noteId = fragment(note.href);
  if (!note.refId) failures.push('footnote: the reference has no id, so no back-link can return to it');
  steps.push(`footnote: click reference "${note.text}" (${note.href})`);
  await page.locator('[data-pressroom-check="noteref"]').click({ timeout: 5000 });
  await settle(page);
  const info = await inspectTarget(page, noteId, false);
  judge('footnote', noteId, info, failures, steps);
  if (!info.exists) return { steps, failures };

  const back = await page.evaluate(
    ({ noteId, refId }) => {
      const noteEl = document.getElementById(noteId);
      let link = noteEl.querySelector('a[role="doc-backlink"], a[epub\\:type~="backlink"], a.footnote-back');
      if (!link && refId) link = [...noteEl.querySelectorAll('a[href]')].find((a) => a.getAttribute('href') === '#' + refId);
      if (!link) return { error: `note #${noteId} has no back-link (a[role=doc-backlink] / a.footnote-back)` };
      link.setAttribute('data-pressroom-check', 'backlink');
      return { href: link.getAttribute('href') };
    },
    { noteId, refId: note.refId },
  );
  if (back.error) {
    failures.push(`back-link: ${back.error}`);
    return { steps, failures };
  }
  const backId = fragment(back.href);
  if (note.refId && backId !== note.refId) {
    failures.push(`back-link: points to #${backId}, but the reference's id is #${note.refId}`);
  }
  steps.push(`back-link: click ${back.href}`);
  await page.locator('[data-pressroom-check="backlink"]').click({ timeout: 5000 });
  await settle(page);
  judge('back-link', backId, await inspectTarget(page, backId, false), failures, steps);
  return { steps, failures };
});
