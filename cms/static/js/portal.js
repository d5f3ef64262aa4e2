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

  // The API lets caches keep its answers a minute; the portal revalidates each time (a 304
  // when nothing changed), so that what was just published shows at once.
  var FRESH = { cache: "no-cache" };

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
        // An option holds text only (a link inside would nest one control in another); a click
        // goes where Enter goes, before the input's blur closes the list.
        li.id = "suggestion-" + i; li.setAttribute("role", "option"); li.textContent = item.label;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); window.location = item.url; });
        list.appendChild(li);
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
        fetch(apiUrl(input.dataset.suggest, { q: text }), FRESH)
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

  // Each kind's colour on the map and in its legend (one place, so the two agree).
  var KIND_COLOURS = {
    zone: "#6a3d9a", plot: "#0b5c8c", enterprise: "#b15928", rd_organisation: "#33a02c",
    incubator: "#e31a1c", landmark: "#4d4d4d", challenge: "#ff7f00", expert: "#1f78b4"
  };
  var LANDMARK_ICONS = ["airport", "seaport", "pop", "cable_landing_station", "city_centre", "university"];

  function mapText(name) {
    try { return JSON.parse(document.getElementById("map-labels").textContent)[name] || {}; }
    catch (e) { return {}; }
  }

  function landmarkIconUrl(el, kind) {
    return el.dataset.icons + (LANDMARK_ICONS.indexOf(kind) >= 0 ? kind : "landmark") + ".svg";
  }

  // The land under the tiles: with no tile server answering, the outline still shows where
  // the coast and the borders are (Natural Earth, cms/static/map/outline.geojson).
  function drawLand(map, el) {
    if (!el.dataset.outline) return;
    map.createPane("land").style.zIndex = 150;  // below the tiles (200): hidden when they load
    fetch(el.dataset.outline).then(function (r) { return r.json(); }).then(function (data) {
      L.geoJSON({ type: "FeatureCollection", features: data.features.concat(data.landmarks || []) }, {
        pane: "land", interactive: false,
        style: function (feature) {
          var home = feature.properties.home;
          return { className: home ? "land land-home" : "land", weight: home ? 1.5 : 0.8,
                   color: "#8a8a72", fillColor: home ? "#f4f1e4" : "#e6e3d4", fillOpacity: 1 };
        }
      }).addTo(map);
      el.dataset.land = "drawn";
    }).catch(function () {});
  }

  // One line inside the map when tiles fail, in the page's language (rendered by the template).
  function noticeTileFailure(map, el, tiles) {
    var shown = false;
    tiles.on("tileerror", function () {
      if (shown || !el.dataset.tilesUnavailable) return;
      shown = true;
      var notice = L.control({ position: "topright" });
      notice.onAdd = function () {
        var p = textElement("p", el.dataset.tilesUnavailable);
        p.className = "map-notice"; p.setAttribute("role", "status");
        return p;
      };
      notice.addTo(map);
    });
  }

  function baseMap(el) {
    var map = L.map(el, { scrollWheelZoom: false });
    drawLand(map, el);
    if (el.dataset.tiles) {
      // Leaflet takes the attribution as HTML: pass the setting escaped, so it shows as text.
      var tiles = L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: escapeHtml(el.dataset.attribution || "") });
      noticeTileFailure(map, el, tiles);
      tiles.addTo(map);
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

  function landmarkIcon(el, kind) {
    var img = document.createElement("img");
    img.src = landmarkIconUrl(el, kind); img.alt = ""; img.width = 22; img.height = 22;
    return L.divIcon({ html: img, className: "landmark-icon landmark-" + (kind || "other"),
                       iconSize: [28, 28], iconAnchor: [14, 14] });
  }

  // Cluster bubbles built from DOM nodes (the plugin's default writes an HTML string).
  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 50 ? "medium" : "large";
    var inner = document.createElement("div");
    inner.appendChild(textElement("span", String(count)));
    return L.divIcon({ html: inner, className: "marker-cluster marker-cluster-" + size, iconSize: [40, 40] });
  }

  function legend(el, kinds, landmarkKinds) {
    var labels = mapText("kinds"), landmarkLabels = mapText("landmarks");
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      // A disclosure: folded on a phone, where it would cover the map.
      var box = document.createElement("details");
      box.className = "map-legend";
      box.open = !window.matchMedia("(max-width: 47.99rem)").matches;
      box.appendChild(textElement("summary", el.dataset.legendTitle || ""));
      var list = document.createElement("ul");
      kinds.forEach(function (kind) {
        if (kind === "landmark") return;
        var li = document.createElement("li");
        var swatch = document.createElement("span");
        swatch.className = "swatch"; swatch.style.backgroundColor = KIND_COLOURS[kind] || "#3d8fc4";
        li.appendChild(swatch); li.appendChild(textElement("span", labels[kind] || kind));
        list.appendChild(li);
      });
      landmarkKinds.forEach(function (kind) {
        var li = document.createElement("li");
        var img = document.createElement("img");
        img.src = landmarkIconUrl(el, kind); img.alt = ""; img.width = 16; img.height = 16;
        li.appendChild(img); li.appendChild(textElement("span", landmarkLabels[kind] || labels.landmark || kind));
        list.appendChild(li);
      });
      box.appendChild(list);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(el._map);
  }

  function resultsMap(el) {
    var map = baseMap(el);
    el._map = map;
    map.setView([10.85, 107.0], 9);
    fetch(apiUrl(el.dataset.geojson), FRESH).then(function (r) { return r.json(); }).then(function (data) {
      var kinds = [], landmarkKinds = [], outlines = 0;
      function note(list, value) { if (value && list.indexOf(value) < 0) list.push(value); }
      // Without the clustering plugin (or with data-cluster="off", as on the home page's few
      // zones) the markers go straight onto the map.
      var markers = L.markerClusterGroup && el.dataset.cluster !== "off"
        ? L.markerClusterGroup({ iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 50 })
        : L.featureGroup();
      var landmarks = L.featureGroup();
      // data-landmarks="context" (the home page's map of zones, zoomed out so far that landmark
      // icons overlap): landmarks are drawn for orientation only, not as targets to tap or tab to.
      var landmarksAreTargets = el.dataset.landmarks !== "context";
      // The records, the zones' outlines and the landmarks come as features (include=…); an
      // answer without included landmarks carries them in `landmarks`.
      var features = data.features.concat(data.landmarks || []);
      var records = features.filter(function (f) { return f.properties.layer === "records"; });
      var outlineLayer = L.featureGroup();
      L.geoJSON({ type: "FeatureCollection", features: features }, {
        // A zone's approximate outline, drawn dashed under the markers (Leaflet applies `style`
        // to circle markers too: they keep their own).
        style: function (feature) {
          return feature.properties.layer !== "zones" ? {} : {
            className: "zone-boundary", color: KIND_COLOURS.zone, weight: 2, dashArray: "4 3",
            fillColor: KIND_COLOURS.zone, fillOpacity: 0.08 };
        },
        pointToLayer: function (feature, latlng) {
          var kind = feature.properties.kind;
          note(kinds, kind);
          if (kind === "landmark") {
            note(landmarkKinds, feature.properties.landmark_kind || "other");
            var landmark = L.marker(latlng, { icon: landmarkIcon(el, feature.properties.landmark_kind),
                                              keyboard: landmarksAreTargets, interactive: landmarksAreTargets });
            // Leaflet makes the icon a button; its name is the landmark's (alt only names images).
            landmark.on("add", function () {
              if (landmarksAreTargets) landmark.getElement().setAttribute("aria-label", markerLabel(feature));
              else landmark.getElement().setAttribute("aria-hidden", "true");
            });
            return landmark;
          }
          var colour = KIND_COLOURS[kind] || "#0b5c8c";
          return L.circleMarker(latlng, { radius: 7, weight: 2, color: colour, fillColor: colour, fillOpacity: 0.7,
                                          className: "marker marker-" + kind });
        },
        onEachFeature: function (feature, layer) {
          if (feature.properties.layer === "zones") {
            outlines += 1;
            outlineLayer.addLayer(layer.bindTooltip(textElement("span", markerLabel(feature))));
            return;
          }
          if (feature.properties.kind === "landmark" && !landmarksAreTargets) { landmarks.addLayer(layer); return; }
          // Opened clear of the top corners, where the zoom buttons and the notice about the
          // background map would cover the popup's link on a phone.
          layer.bindPopup(markerPopup(feature), { autoPanPaddingTopLeft: L.point(50, 48) });
          layer.bindTooltip(textElement("span", markerLabel(feature)));
          // Landmarks are the few points people find their way by: never folded into a cluster.
          if (feature.properties.kind === "landmark") landmarks.addLayer(layer); else markers.addLayer(layer);
        }
      });
      // The view frames the results (landmarks around them are context), set before the markers
      // arrive: a zoom animation over freshly clustered circle markers can leave stale copies.
      if (records.length) {
        var bounds = L.latLngBounds(records.map(function (f) {
          return [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        }));
        map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14, animate: false });
      }
      outlineLayer.addTo(map);
      markers.addTo(map);
      landmarks.addTo(map);
      if (kinds.length) legend(el, kinds, landmarkKinds);
      el.dataset.markers = String(records.length);
      el.dataset.zoneOutlines = String(outlines);
    });
  }

  function pointMap(el) {
    var parts = el.dataset.point.split(",").map(Number);
    var map = baseMap(el);
    map.setView(parts, 13);
    L.circleMarker(parts, { radius: 8, color: "#0b5c8c", fillColor: "#3d8fc4", fillOpacity: 0.9 })
      .addTo(map).bindTooltip(textElement("span", el.dataset.label));
  }

  // The phone's menu: the link that, without JavaScript, targets the navigation (shown by CSS's
  // :target) becomes a disclosure button that says whether the navigation is open.
  function menuButton(link) {
    var nav = document.getElementById(link.dataset.menu);
    if (!nav) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", nav.id);
    while (link.firstChild) button.appendChild(link.firstChild);
    link.replaceWith(button);
    function toggle(open) {
      button.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("open", open);
    }
    button.addEventListener("click", function () { toggle(button.getAttribute("aria-expanded") !== "true"); });
    nav.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && button.getAttribute("aria-expanded") === "true") { toggle(false); button.focus(); }
    });
  }

  // Leaflet's stylesheets come as <link rel="preload" data-map-style>, so that they never delay
  // the first paint (a page without JavaScript has no map): applied here, then the maps drawn.
  function withMapStyles(draw) {
    var preloads = document.querySelectorAll("link[rel=preload][data-map-style]");
    var waiting = preloads.length;
    if (!waiting) { draw(); return; }
    preloads.forEach(function (preload) {
      var sheet = document.createElement("link");
      sheet.rel = "stylesheet";
      sheet.href = preload.href;
      sheet.onload = sheet.onerror = function () { if (--waiting === 0) draw(); };
      document.head.appendChild(sheet);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("a[data-menu]").forEach(menuButton);
    document.querySelectorAll("input[data-suggest]").forEach(suggest);
    // The filters arrive folded, so that a phone shows the results first without a shift; on a
    // wide screen they are open (portal.css shows them there before this runs).
    if (window.matchMedia("(min-width: 48rem)").matches) {
      document.querySelectorAll("details.filters-panel").forEach(function (d) { d.open = true; });
    }
    if (typeof L === "undefined") return;
    withMapStyles(function () {
      document.querySelectorAll(".map").forEach(function (el) {
        el.replaceChildren();  // the no-script fallback text
        if (el.dataset.geojson) resultsMap(el); else if (el.dataset.point) pointMap(el);
      });
    });
  });
})();
