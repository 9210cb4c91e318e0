// Record cards for the article page: hovering or clicking a highlight shows the records under it.
// Records arrive as JSON data (never markup) and are written into the page with textContent only.
(function () {
  "use strict";

  function readRecords() {
    var node = document.getElementById("claimledger-records");
    if (!node) { return {}; }
    try { return JSON.parse(node.textContent || "{}"); } catch (e) { return {}; }
  }

  var records = readRecords();

  function recordIds(element) {
    var value = element.getAttribute("data-records") || element.getAttribute("data-record") || "";
    return value.split(" ").filter(function (id) { return id.length > 0; });
  }

  function fieldRow(list, name, value) {
    var term = document.createElement("dt");
    term.textContent = name;
    var detail = document.createElement("dd");
    // Only our own relative links are followed; anything else is shown as text.
    if (name === "href" && value.charAt(0) === "/" && value.charAt(1) !== "/") {
      var link = document.createElement("a");
      link.setAttribute("href", value);
      link.className = "record-card-link";
      link.textContent = "open the event";
      detail.appendChild(link);
    } else {
      detail.textContent = value;
    }
    list.appendChild(term);
    list.appendChild(detail);
  }

  function showCard(ids) {
    var card = document.getElementById("record-card");
    if (!card) { return; }
    var title = card.querySelector(".record-card-title");
    var fields = card.querySelector(".record-card-fields");
    fields.textContent = "";
    var kinds = [];
    ids.forEach(function (id) {
      var record = records[id];
      if (!record) { return; }
      kinds.push(record.record || "record");
      Object.keys(record).forEach(function (name) {
        if (name !== "record") { fieldRow(fields, name, String(record[name])); }
      });
    });
    title.textContent = kinds.join(" + ");
    card.hidden = kinds.length === 0;
  }

  function activate(ids) {
    document.querySelectorAll("mark.hl.active, [data-record].active").forEach(function (node) {
      node.classList.remove("active");
    });
    document.querySelectorAll("mark.hl[data-records]").forEach(function (node) {
      if (recordIds(node).some(function (id) { return ids.indexOf(id) >= 0; })) {
        node.classList.add("active");
      }
    });
    ids.forEach(function (id) {
      document.querySelectorAll("[data-record]").forEach(function (node) {
        if (node.getAttribute("data-record") === id) { node.classList.add("active"); }
      });
    });
  }

  function onHighlight(event) {
    var mark = event.target.closest ? event.target.closest("mark.hl[data-records]") : null;
    if (!mark) { return; }
    var ids = recordIds(mark);
    showCard(ids);
    if (event.type === "click" || event.type === "focusin") { activate(ids); }
  }

  function onPanel(event) {
    var item = event.target.closest ? event.target.closest("[data-record]") : null;
    if (!item) { return; }
    var ids = recordIds(item);
    showCard(ids);
    activate(ids);
    var first = document.querySelector("mark.hl.active");
    if (first && first.scrollIntoView) { first.scrollIntoView({block: "center"}); }
  }

  function start() {
    var text = document.getElementById("document-text");
    if (text) {
      text.addEventListener("mouseover", onHighlight);
      text.addEventListener("click", onHighlight);
      text.addEventListener("focusin", onHighlight);
    }
    var panel = document.getElementById("side-panel");
    if (panel) { panel.addEventListener("click", onPanel); }
    // Arriving from an event page at #rec-<id>: light up that record's spans in the text.
    if (window.location.hash.indexOf("#rec-") === 0) {
      var target = [decodeURIComponent(window.location.hash.slice(5))];
      if (records[target[0]]) {
        showCard(target);
        activate(target);
        var first = document.querySelector("mark.hl.active");
        if (first && first.scrollIntoView) { first.scrollIntoView({block: "center"}); }
      }
    }
    document.body.setAttribute("data-claimledger-ready", "1");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
