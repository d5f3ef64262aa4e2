/* The location preview under a record's latitude and longitude fields in the admin: a Leaflet map
   on the portal's tile server (MAP_TILE_URL) over the land outline, redrawn when either field
   changes. Without Leaflet only the sentence asking for coordinates shows. */
(function () {
  var root = document.querySelector("[data-map-preview]");
  if (!root) return;
  var lat = document.getElementById("id_lat"), lon = document.getElementById("id_lon");
  var frame = root.querySelector("[data-map-frame]"), empty = root.querySelector("[data-map-empty]");
  var map = null, marker = null;

  function escapeHtml(text) {
    var entities = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
    return text.replace(/[&<>"']/g, function (c) { return entities[c]; });
  }

  function createMap() {
    frame.style.height = "260px";
    frame.style.border = "1px solid #ccc";
    map = L.map(frame, { scrollWheelZoom: false });
    map.createPane("land").style.zIndex = 150;  // under the tiles: seen only when they fail
    fetch(root.dataset.outline).then(function (r) { return r.json(); }).then(function (data) {
      L.geoJSON(data, { pane: "land", interactive: false,
                        style: { className: "land", weight: 1, color: "#8a8a72", fillColor: "#f4f1e4", fillOpacity: 1 } }).addTo(map);
    }).catch(function () {});
    if (root.dataset.tiles) {
      var tiles = L.tileLayer(root.dataset.tiles, { maxZoom: 18, attribution: escapeHtml(root.dataset.attribution || "") });
      var told = false;
      tiles.on("tileerror", function () {
        if (told) return;
        told = true;
        var notice = document.createElement("p");
        notice.className = "help-block"; notice.setAttribute("data-map-notice", "");
        notice.textContent = root.dataset.tilesUnavailable;
        root.appendChild(notice);
      });
      tiles.addTo(map);
    }
  }

  function draw() {
    var la = parseFloat(lat && lat.value), lo = parseFloat(lon && lon.value);
    var ok = typeof L !== "undefined" && isFinite(la) && isFinite(lo) && la >= 8 && la <= 24 && lo >= 102 && lo <= 110;
    frame.hidden = !ok; empty.hidden = ok;
    if (!ok) return;
    if (!map) createMap();
    map.setView([la, lo], 14);
    if (marker) marker.setLatLng([la, lo]);
    else marker = L.circleMarker([la, lo], { radius: 8, color: "#0b5c8c", fillColor: "#3d8fc4", fillOpacity: 0.9 }).addTo(map);
    map.invalidateSize();
  }
  [lat, lon].forEach(function (el) { if (el) el.addEventListener("change", draw); });
  draw();
})();
