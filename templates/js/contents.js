// The web edition's contents: highlight the section being read, and open the collapsed contents
// (narrow screens) when the reader asks for them. The page works without it: the contents are a
// <details> element and the "Contents" link an ordinary link.
(function () {
  "use strict";
  var nav = document.getElementById("contents");
  if (!nav) return;
  var details = nav.querySelector("details");
  var links = {};
  nav.querySelectorAll("a[href^='#']").forEach(function (a) {
    links[decodeURIComponent(a.getAttribute("href").slice(1))] = a;
  });
  var headings = Array.prototype.filter.call(
    document.querySelectorAll("main h2[id], main h3[id]"),
    function (h) { return links[h.id]; });
  var current = null;
  // The section being read: the last heading above the upper third of the window.
  function update() {
    var line = window.innerHeight / 3, found = null;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top <= line) found = headings[i]; else break;
    }
    var link = found ? links[found.id] : null;
    if (link === current) return;
    if (current) current.removeAttribute("aria-current");
    if (link) link.setAttribute("aria-current", "location");
    current = link;
  }
  var pending = false;
  window.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; update(); });
  }, { passive: true });
  update();
  document.querySelectorAll("a[href='#contents']").forEach(function (a) {
    a.addEventListener("click", function () { details.open = true; });
  });
  // Wide screens show the contents as a sidebar; browsers without ::details-content need it open.
  if (window.matchMedia("(min-width: 75em)").matches) details.open = true;
})();
