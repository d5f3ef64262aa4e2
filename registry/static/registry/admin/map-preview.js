/* The location preview under a record's latitude and longitude fields in the admin: an
   OpenStreetMap embed, redrawn when either field changes. */
(function () {
  var root = document.currentScript.previousElementSibling;
  var lat = document.getElementById("id_lat"), lon = document.getElementById("id_lon");
  var frame = root.querySelector("[data-map-frame]"), empty = root.querySelector("[data-map-empty]");
  function draw() {
    var la = parseFloat(lat && lat.value), lo = parseFloat(lon && lon.value);
    var ok = isFinite(la) && isFinite(lo) && la >= 8 && la <= 24 && lo >= 102 && lo <= 110;
    frame.hidden = !ok; empty.hidden = ok;
    if (ok) {
      var d = 0.02;
      frame.src = "https://www.openstreetmap.org/export/embed.html?bbox=" +
        [lo - d, la - d, lo + d, la + d].join(",") + "&layer=mapnik&marker=" + la + "," + lo;
    }
  }
  [lat, lon].forEach(function (el) { if (el) el.addEventListener("change", draw); });
  draw();
})();
