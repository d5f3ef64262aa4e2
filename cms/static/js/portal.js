/* The portal's progressive enhancements: name suggestions in the search box and the maps.
   Every page works without this file. */
(function () {
  "use strict";

  // Records are data, never markup: every label, tooltip and popup is built from text nodes.
  function textElement(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    return el;
  }

  function escapeHtml(text) {
    var entities = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
    return text.replace(/[&<>"']/g, function (c) { return entities[c]; });
  }

  function pageLanguage() { return document.documentElement.lang === "en" ? "en" : "vi"; }

  // The API answers in the page's language, not the browser's (Accept-Language).
  function apiUrl(path, params) {
    var url = new URL(path, window.location.href);
    Object.keys(params || {}).forEach(function (name) { url.searchParams.set(name, params[name]); });
    url.searchParams.set("lang", pageLanguage());
    return url.pathname + url.search;
  }

  function suggest(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var active = -1, timer = null, items = [];
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; }
    function show() {
      list.replaceChildren();
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = "suggestion-" + i; li.setAttribute("role", "option");
        var a = document.createElement("a"); a.href = item.url; a.textContent = item.label; a.tabIndex = -1;
        li.appendChild(a); list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
    }
    function mark(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      if (i >= 0) input.setAttribute("aria-activedescendant", "suggestion-" + i); else input.removeAttribute("aria-activedescendant");
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      timer = setTimeout(function () {
        fetch(apiUrl(input.dataset.suggest, { q: text }))
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) {
            items = data.results.map(function (h) { return { url: h.url, label: (pageLanguage() === "en" && h.name_en) || h.name }; });
            show(); mark(-1);
          }).catch(close);
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); mark(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark(Math.max(active - 1, -1)); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); window.location = items[active].url; }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }

  function baseMap(el) {
    var map = L.map(el, { scrollWheelZoom: false });
    if (el.dataset.tiles) {
      // Unreachable tiles leave the plain background: the markers still show.
      // Leaflet takes the attribution as HTML: pass the setting escaped, so it shows as text.
      L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: escapeHtml(el.dataset.attribution || "") }).addTo(map);
    }
    return map;
  }

  // A plot is named by its zone and lot (many zones have a "Lot A01"), with its key figures.
  function markerLabel(feature) {
    return feature.properties.label || feature.properties.name;
  }

  function markerPopup(feature) {
    var box = document.createElement("div");
    var a = textElement("a", markerLabel(feature));
    a.href = feature.properties.url;
    box.appendChild(a);
    if (feature.properties.facts) { box.appendChild(textElement("p", feature.properties.facts)); }
    return box;
  }

  function resultsMap(el) {
    var map = baseMap(el);
    map.setView([10.85, 107.0], 9);
    fetch(apiUrl(el.dataset.geojson)).then(function (r) { return r.json(); }).then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 7, weight: 2, color: "#0b5c8c", fillColor: "#3d8fc4", fillOpacity: 0.85,
                                          className: "marker marker-" + feature.properties.kind });
        },
        onEachFeature: function (feature, marker) {
          marker.bindPopup(markerPopup(feature));
          marker.bindTooltip(textElement("span", markerLabel(feature)));
        }
      }).addTo(map);
      if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 14 });
      el.dataset.markers = String(data.features.length);
    });
  }

  function pointMap(el) {
    var parts = el.dataset.point.split(",").map(Number);
    var map = baseMap(el);
    map.setView(parts, 13);
    L.circleMarker(parts, { radius: 8, color: "#0b5c8c", fillColor: "#3d8fc4", fillOpacity: 0.9 })
      .addTo(map).bindTooltip(textElement("span", el.dataset.label));
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest]").forEach(suggest);
    // On a phone the results come first: the filters fold away until asked for.
    if (window.matchMedia("(max-width: 47.99rem)").matches) {
      document.querySelectorAll("details.filters-panel").forEach(function (d) { d.open = false; });
    }
    if (typeof L === "undefined") return;
    document.querySelectorAll(".map").forEach(function (el) {
      el.replaceChildren();  // the no-script fallback text
      if (el.dataset.geojson) resultsMap(el); else if (el.dataset.point) pointMap(el);
    });
  });
})();
