// The events map: Leaflet over the bundled OpenStreetMap tiles, one circle per event, sized by
// its reports. A module script, run after datasette-leaflet's Leaflet (a module that sets
// window.L) as module scripts run in the page's order. Labels come from scraped pages: they reach the map as JSON data and are written
// with textContent only (Leaflet would read a string as HTML).
(function () {
  "use strict";

  function readData() {
    var node = document.getElementById("claimledger-map-data");
    if (!node) { return null; }
    try { return JSON.parse(node.textContent || "null"); } catch (e) { return null; }
  }

  function textNode(tag, text, className) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (className) { node.className = className; }
    return node;
  }

  function popup(point) {
    var link = textNode("a", point.label, "map-popup-link");
    link.setAttribute("href", point.href);
    var box = document.createElement("div");
    box.appendChild(link);
    box.appendChild(textNode("div", point.reports + " report" + (point.reports === 1 ? "" : "s")));
    return box;
  }

  function start() {
    var element = document.getElementById("events-map");
    var data = readData();
    if (!element || !data || !window.L) { return; }
    var L = window.L;
    var map = L.map(element, {minZoom: 1, maxZoom: data.max_zoom, worldCopyJump: true});
    if (data.tiles) {
      L.tileLayer(data.tiles, {
        minZoom: 0, maxNativeZoom: data.tile_max_zoom, maxZoom: data.max_zoom,
        attribution: data.attribution
      }).addTo(map);
    }
    var markers = data.points.map(function (point) {
      var marker = L.circleMarker([point.lat, point.lon], {
        radius: 5 + Math.min(point.reports, 10), color: "#8b0000", weight: 1,
        fillColor: "#d62728", fillOpacity: 0.6, className: "map-point"
      });
      marker.bindTooltip(textNode("span", point.label));
      marker.bindPopup(popup(point));
      return marker;
    });
    var group = L.featureGroup(markers).addTo(map);
    if (markers.length) {
      map.fitBounds(group.getBounds().pad(0.3), {maxZoom: 6});
    } else {
      map.setView([20, 0], 1);
    }
    function showZoom() { element.setAttribute("data-zoom", String(map.getZoom())); }
    map.on("zoomend", showZoom);
    showZoom();
    element.setAttribute("data-map-ready", "1");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
