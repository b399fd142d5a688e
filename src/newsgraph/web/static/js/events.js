// Events page: an offline map of event places, drawn from lat/lon alone (no tiles, no network).
"use strict";

(async function () {
  const el = document.getElementById("place-map");
  if (!el) return;
  const resp = await fetch(el.dataset.src);
  if (!resp.ok) return;
  const rows = (await resp.json()).places.filter((p) => p.lat !== null && p.lon !== null);
  if (!rows.length) return;
  // Fit the projection to the places shown (the whole world only for one place): Vega-Lite fits it to
  // every geo layer, so the sphere and graticule are drawn only then. No coastlines ship offline, so
  // each point carries its place name.
  const spread = new Set(rows.map((p) => p.lat.toFixed(1) + "," + p.lon.toFixed(1))).size > 1;
  const points = {
    longitude: { field: "lon", type: "quantitative" },
    latitude: { field: "lat", type: "quantitative" },
  };
  const layer = [];
  if (!spread) {
    layer.push({ data: { sphere: true }, mark: { type: "geoshape", fill: "#eef4fb", stroke: "#cbd5e1" } });
    layer.push({ data: { graticule: { step: [30, 30] } },
                 mark: { type: "geoshape", stroke: "#dbe3ec", strokeWidth: 0.5, filled: false } });
  }
  layer.push(
    { data: { values: rows },
      mark: { type: "circle", color: "#db2777", opacity: 0.7, stroke: "#fff", strokeWidth: 1 },
      encoding: {
        ...points,
        size: { field: "events", type: "quantitative", scale: { range: [40, 600] }, legend: null },
        tooltip: [{ field: "place" }, { field: "country_code", title: "country" }, { field: "events" }],
      } },
    { data: { values: rows.slice(0, 25) },  // the 25 places with most events are named
      mark: { type: "text", align: "left", dx: 8, dy: -6, fontSize: 11, color: "#1d2327" },
      encoding: { ...points, text: { field: "place" } } },
  );
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: "container", height: 340, autosize: { type: "fit-x", contains: "padding" },
    padding: { left: 16, right: 90, top: 24, bottom: 16 },  // room for the names at the edges
    projection: { type: spread ? "mercator" : "equalEarth" },
    layer: layer,
    config: { view: { stroke: null } },
  };
  el.newsgraphView = (await window.newsgraphEmbed(el, spec)).view;
  el.dataset.rendered = String(rows.length);
})();
