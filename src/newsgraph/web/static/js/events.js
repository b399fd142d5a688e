// Events page: an offline map of the places of the events listed (the page's filters), drawn from lat/lon
// alone over vendored country outlines (no tiles, no network), fitted to them, nearby places merged into one circle.
"use strict";

(async function () {
  const el = document.getElementById("place-map");
  if (!el) return;
  const resp = await fetch(el.dataset.src);
  if (!resp.ok) return;
  const places = (await resp.json()).places.filter((p) => p.lat !== null && p.lon !== null);
  if (!places.length) { el.textContent = "No place of the events listed has coordinates."; el.classList.add("muted"); return; }
  const rows = cluster(places);
  // The country outlines (world-atlas, vendored: no tiles, no network) under the points; the projection
  // is fitted to the places shown (padded), not to the world, unless there is only one place.
  const spread = new Set(rows.map((p) => p.lat.toFixed(1) + "," + p.lon.toFixed(1))).size > 1;
  const points = {
    longitude: { field: "lon", type: "quantitative" },
    latitude: { field: "lat", type: "quantitative" },
  };
  const width = Math.max(160, el.clientWidth - 16 - 90);
  const layer = [
    { data: { sphere: true }, mark: { type: "geoshape", fill: "#eef4fb", stroke: null } },
    { data: { url: el.dataset.world, format: { type: "topojson", feature: "countries" } },
      mark: { type: "geoshape", fill: "#f8fafc", stroke: "#cbd5e1", strokeWidth: 0.5 } },
  ];
  layer.push(
    { data: { values: rows },
      mark: { type: "circle", color: "#db2777", opacity: 0.7, stroke: "#fff", strokeWidth: 1 },
      encoding: {
        ...points,
        size: { field: "events", type: "quantitative", scale: { range: [40, 600] }, legend: null },
        tooltip: [{ field: "names", title: "places" }, { field: "events" }],
      } },
    { data: { values: rows.slice(0, 25) },  // the 25 circles with most events are named
      mark: { type: "text", align: "left", dx: 8, dy: -6, fontSize: 11, color: "#1d2327" },
      encoding: { ...points, text: { field: "label" } } },
  );
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: width, height: 340, autosize: { type: "none" },
    padding: { left: 16, right: 90, top: 24, bottom: 16 },  // room for the names at the edges
    projection: spread ? fitTo(rows, width, 340) : { type: "equalEarth" },
    layer: layer,
    config: { view: { stroke: null } },
  };
  el.newsgraphView = (await window.newsgraphEmbed(el, spec)).view;
  el.newsgraphClusters = rows;
  el.dataset.places = String(places.length);
  el.dataset.rendered = String(rows.length);

  // A Mercator projection set by hand (scale, centre, translation, clip) so it frames the places,
  // padded, whatever else is drawn: Vega-Lite would fit it to every geo layer, the world included.
  function fitTo(list, w, h) {
    const rad = Math.PI / 180, merc = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * rad) / 2));
    const lats = list.map((p) => p.lat), lons = list.map((p) => p.lon);
    const dLat = Math.max(2, (Math.max(...lats) - Math.min(...lats)) / 5);
    const dLon = Math.max(2, (Math.max(...lons) - Math.min(...lons)) / 5);
    const s = Math.max(-80, Math.min(...lats) - dLat), n = Math.min(80, Math.max(...lats) + dLat);
    const west = Math.max(-180, Math.min(...lons) - dLon), east = Math.min(180, Math.max(...lons) + dLon);
    const k = Math.min(w / ((east - west) * rad), h / (merc(n) - merc(s)));
    const midY = (merc(n) + merc(s)) / 2, midLat = (2 * Math.atan(Math.exp(midY)) - Math.PI / 2) / rad;
    return { type: "mercator", scale: k, center: [(west + east) / 2, midLat], translate: [w / 2, h / 2],
             clipExtent: [[0, 0], [w, h]] };
  }

  // Places that would overlap on the map are one circle: a grid of cells 1/25 of the wider side of
  // the places' extent (about a big circle's width once fitted), each cell's places merged at their
  // event-weighted centre; its label names the place with most events and how many more it holds.
  function cluster(list) {
    const lats = list.map((p) => p.lat), lons = list.map((p) => p.lon);
    const cell = Math.max(Math.max(...lats) - Math.min(...lats), Math.max(...lons) - Math.min(...lons)) / 25;
    if (!(cell > 0)) return list.map(single);
    const cells = new Map();
    for (const p of list) {  // most events first: a cell's first place names it
      const key = Math.floor(p.lat / cell) + "," + Math.floor(p.lon / cell);
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(p);
    }
    const out = [];
    for (const group of cells.values()) {
      if (group.length === 1) { out.push(single(group[0])); continue; }
      const events = group.reduce((n, p) => n + p.events, 0);
      out.push({
        lat: group.reduce((s, p) => s + p.lat * p.events, 0) / events,
        lon: group.reduce((s, p) => s + p.lon * p.events, 0) / events,
        events: events, places: group.length,
        label: group[0].place + " +" + (group.length - 1),
        names: group.map((p) => p.place + " (" + p.events + ")").join(", "),
      });
    }
    return out.sort((a, b) => b.events - a.events);
  }
  function single(p) {
    return { lat: p.lat, lon: p.lon, events: p.events, places: 1, label: p.place,
             names: p.place + (p.country_code ? ", " + p.country_code : "") };
  }
})();
