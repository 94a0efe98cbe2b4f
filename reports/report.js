/* Raqm report filters: severity, outlet, story, unit. Without JavaScript the form stays hidden
   and every finding is visible. The script reads only data-* attributes and never writes HTML.
   [data-f] is one finding; [data-agg] stands for findings that are only counted, with every
   severity, outlet and unit among them. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form || !document.querySelectorAll) { return; }
  var all = function (selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); };
  var items = all("[data-f], [data-agg]");
  var groups = all(".quantity, .story");
  var total = all("[data-f]").length;
  var e = form.elements;

  function has(list, token) { return !token || (" " + list + " ").indexOf(" " + token + " ") >= 0; }

  var everything = form.dataset.findings;  // a large run's page shows only part of its findings

  function count(shown) {
    var more = everything && everything !== String(total) ? " (المجموع " + everything + ")" : "";
    e.shown.value = "معروض " + shown + " من " + total + more;
  }

  function apply() {
    var sev = e.severity.value, outlet = e.outlet.value, story = e.story.value, unit = e.unit.value;
    var active = Boolean(sev || outlet || story || unit);
    var shown = 0;
    items.forEach(function (el) {
      var d = el.dataset;
      var ok = has(d.sev, sev) && has(d.outlets, outlet) && (!story || d.story === story) && has(d.unit, unit);
      el.hidden = !ok;
      if (ok && "f" in d) { shown += 1; }
    });
    // Innermost first: a quantity hides when none of its findings is shown, a story when none of its quantities is.
    for (var i = groups.length - 1; i >= 0; i -= 1) {
      var g = groups[i];
      var inner = g.classList.contains("story") ? ".quantity:not([hidden])" : "[data-f]:not([hidden]), [data-agg]:not([hidden])";
      g.hidden = active && g.querySelector(inner) === null;
    }
    count(shown);
  }

  function reveal() {
    // Following a link to a finding that the filters hide: show everything again.
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.closest("[hidden]")) { form.reset(); apply(); target.scrollIntoView(); }
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  window.addEventListener("hashchange", reveal);
  if (e.severity.value || e.outlet.value || e.story.value || e.unit.value) { apply(); } else { count(total); }
}());
