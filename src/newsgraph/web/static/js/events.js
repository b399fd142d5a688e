// Events page: an offline map of event places, drawn from lat/lon alone (no tiles, no network).
"use strict";

(async function () {
  const el = document.getElementById("place-map");
  if (!el) return;
  const resp = await fetch(el.dataset.src);
  if (!resp.ok) return;
  const rows = (await resp.json()).places.filter((p) => p.lat !== null && p.lon !== null);
  if (!rows.length) return;
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: "container", height: 320, autosize: { type: "fit-x", contains: "padding" },
    projection: { type: "equalEarth" },
    layer: [
      { data: { sphere: true }, mark: { type: "geoshape", fill: "#eef4fb", stroke: "#cbd5e1" } },
      { data: { graticule: { step: [30, 30] } }, mark: { type: "geoshape", stroke: "#dbe3ec", strokeWidth: 0.5, filled: false } },
      { data: { values: rows },
        mark: { type: "circle", color: "#db2777", opacity: 0.7, stroke: "#fff", strokeWidth: 1 },
        encoding: {
          longitude: { field: "lon", type: "quantitative" },
          latitude: { field: "lat", type: "quantitative" },
          size: { field: "events", type: "quantitative", scale: { range: [40, 600] }, legend: null },
          tooltip: [{ field: "place" }, { field: "country_code", title: "country" }, { field: "events" }],
        } },
    ],
    config: { view: { stroke: null } },
  };
  el.newsgraphView = (await window.newsgraphEmbed(el, spec)).view;
  el.dataset.rendered = String(rows.length);
})();
