// The data map page: sort the flows by a column, filter them, open a flow's path.
"use strict";
(function () {
  var table = document.getElementById("flow-table");
  if (!table) {
    return;
  }
  var flows = Array.prototype.slice.call(table.querySelectorAll("tbody.flow"));
  var recipient = document.getElementById("filter-recipient");
  var status = document.getElementById("filter-status");
  var text = document.getElementById("filter-text");
  var shown = document.getElementById("shown-count");

  function filter() {
    var wanted = text.value.trim().toLowerCase();
    var count = 0;
    flows.forEach(function (flow) {
      var visible =
        (!recipient.value || flow.dataset.recipient === recipient.value) &&
        (!status.value || flow.dataset.status === status.value) &&
        (!wanted || flow.textContent.toLowerCase().indexOf(wanted) !== -1);
      flow.hidden = !visible;
      if (visible) {
        count += 1;
      }
    });
    shown.textContent = count + " of " + flows.length + " flows shown";
  }

  function sortBy(header) {
    var key = header.dataset.sort;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[data-sort]").forEach(function (other) {
      other.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var keyed = flows.map(function (flow, index) {
      return { flow: flow, value: flow.dataset[key] || "", index: index };
    });
    keyed.sort(function (a, b) {
      var order = a.value.localeCompare(b.value, undefined, { numeric: true });
      return (ascending ? order : -order) || a.index - b.index;
    });
    keyed.forEach(function (entry) {
      table.appendChild(entry.flow);
    });
    flows = keyed.map(function (entry) {
      return entry.flow;
    });
  }

  table.querySelectorAll("th[data-sort]").forEach(function (header) {
    header.addEventListener("click", function () {
      sortBy(header);
    });
  });
  table.querySelectorAll("button.toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      var path = button.closest("tbody").querySelector("tr.path");
      var open = path.hidden;
      path.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? "\u25BE" : "\u25B8";
    });
  });
  [recipient, status].forEach(function (control) {
    control.addEventListener("change", filter);
  });
  text.addEventListener("input", filter);
  filter();
})();
