// 13dc batch index: sort the table by a column when its heading is pressed (the page works, in
// input order, without scripts). Numbers sort as numbers, empty cells last.
(function () {
  "use strict";
  var table = document.getElementById("filings");
  if (!table) return;
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (head, column) {
    head.querySelector("button").addEventListener("click", function () {
      var down = head.getAttribute("aria-sort") === "ascending";
      var numeric = head.getAttribute("data-numeric") === "1";
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].textContent.trim(), y = b.cells[column].textContent.trim();
        if (x === "" || y === "") return (x === "") - (y === "");
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return down ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
      head.setAttribute("aria-sort", down ? "descending" : "ascending");
    });
  });
})();
