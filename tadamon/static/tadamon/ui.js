// Small behaviours declared in the templates by data attributes, so that the content security
// policy can forbid inline scripts: data-print (print the page), data-autosubmit (submit the
// form when the select changes), data-confirm on a form (ask before sending), and
// data-select-change on an htmx element (it receives a "select-change" event when one of its
// selects changes: htmx's filter expressions, change[target.tagName==='SELECT'], are
// evaluated with Function(), which the policy forbids).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) {
      field.form.submit();
    }
    if (event.target.tagName === "SELECT") {
      var host = event.target.closest("[data-select-change]");
      if (host) {
        host.dispatchEvent(new CustomEvent("select-change", { bubbles: false }));
      }
    }
  });
  // Tables marked .table-cards become cards on phones (tadamon.css): each cell is labelled
  // with its column's heading, unless the template gave it a data-label already.
  function labelCells(root) {
    root.querySelectorAll("table.table-cards").forEach(function (table) {
      var heads = [];
      table.querySelectorAll("thead tr:first-child > th").forEach(function (th) {
        var span = Number(th.getAttribute("colspan")) || 1;
        for (var k = 0; k < span; k++) heads.push(th.textContent.trim());
      });
      table.querySelectorAll("tbody > tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          var label = heads[column];
          if (label && !cell.hasAttribute("data-label") && !cell.hasAttribute("colspan")) {
            cell.setAttribute("data-label", label);
          }
          column += Number(cell.getAttribute("colspan")) || 1;
        });
      });
    });
  }
  // A table wider than the screen scrolls inside its .table-responsive box; the box then
  // takes the keyboard's focus, so that it can be scrolled without a mouse (WCAG 2.1.1,
  // axe's scrollable-region-focusable). A box that fits is left out of the tab order.
  function focusScrollers(root) {
    root.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
      }
    });
  }
  function prepare(root) {
    labelCells(root);
    focusScrollers(root);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { prepare(document); });
  } else {
    prepare(document);
  }
  // Fonts and images may widen a table after the DOM is ready; a phone may turn.
  window.addEventListener("load", function () { focusScrollers(document); });
  window.addEventListener("resize", function () { focusScrollers(document); });
  document.addEventListener("htmx:afterSettle", function (event) { prepare(event.target); });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
