// 13dc --to html: conveniences only (the page works without scripts). Keys n and p move to the
// next and the previous diagnostic; j and k to the next and the previous highlighted value.
(function () {
  "use strict";
  function cycle(selector) {
    var items = Array.prototype.slice.call(document.querySelectorAll(selector));
    var at = -1;
    return function (step) {
      if (!items.length) return;
      var current = items.indexOf(document.activeElement);
      at = ((current >= 0 ? current : at) + step + items.length) % items.length;
      if (at < 0) at += items.length;
      location.hash = items[at].id; // also what :target marks
      items[at].focus();
    };
  }
  var notes = cycle(".dg[id]");
  var values = cycle("mark[id]");
  var keys = { n: [notes, 1], p: [notes, -1], j: [values, 1], k: [values, -1] };
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action[0](action[1]);
  });
})();
