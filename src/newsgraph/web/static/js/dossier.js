// Dossier page: the Vega-Lite timeline of events, quotes and mentions, and the Cytoscape relation graph.
"use strict";

(function () {
  const KIND_COLOURS = { event: "#db2777", quote: "#d97706", mention: "#2563eb" };

  async function timeline(el) {
    const url = new URL(el.dataset.src, window.location.href);  // data-src may carry ?all=true
    url.searchParams.set("limit", "2000");
    const resp = await fetch(url);
    if (!resp.ok) return;
    const data = await resp.json();
    const rows = data.timeline.filter((t) => t.day_from).map((t) => ({
      day: t.day_from, until: t.day_to, date: t.date, kind: t.kind, what: t.what || "",
      article: (t.article && (t.article.title || t.article.id)) || "",
      status: t.confirmed === false ? "unconfirmed" : "confirmed",
    }));
    if (!rows.length) { el.textContent = "No dated lines yet."; el.classList.add("muted"); return; }
    const spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      width: "container", height: 150, autosize: { type: "fit-x", contains: "padding" },
      data: { values: rows },
      mark: { type: "point", filled: true, size: 90 },
      encoding: {
        x: { field: "day", type: "temporal", title: null, axis: { grid: true, labelOverlap: true } },
        y: { field: "kind", type: "nominal", title: null, sort: ["event", "quote", "mention"] },
        color: { field: "kind", type: "nominal", legend: null,
                 scale: { domain: Object.keys(KIND_COLOURS), range: Object.values(KIND_COLOURS) } },
        // unconfirmed lines (shown only with the toggle) are faint diamonds, confirmed ones solid dots
        shape: { field: "status", type: "nominal", legend: null,
                 scale: { domain: ["confirmed", "unconfirmed"], range: ["circle", "diamond"] } },
        opacity: { field: "status", type: "nominal", legend: null,
                   scale: { domain: ["confirmed", "unconfirmed"], range: [0.85, 0.35] } },
        tooltip: [
          { field: "date", title: "date" }, { field: "kind" }, { field: "what" }, { field: "status" },
          { field: "article" },
        ],
      },
      config: { view: { stroke: null }, font: "system-ui, sans-serif" },
    };
    el.newsgraphView = (await window.newsgraphEmbed(el, spec)).view;
    el.dataset.rendered = String(rows.length);
  }

  async function graph(el) {
    const resp = await fetch(el.dataset.src);
    if (!resp.ok) return;
    const data = await resp.json();
    const centre = data.center.id;
    if (!data.edges.length || data.nodes.length < 2) {
      // one circle filling the box says nothing: say so instead
      el.textContent = "No ties yet: no other name shares a sentence or a stated relation with " +
        (data.center.name || "this entity") + ".";
      el.classList.add("empty");
      const legend = document.getElementById("graph-legend");
      if (legend) legend.hidden = true;
      el.dataset.rendered = "0";
      return;
    }
    // rings: the entity in the middle; its neighbours, heaviest nearest, at most RING to a ring; the
    // second hop outside them. Rings keep 40+ names apart where one circle would shrink every label.
    const RING = 14;
    const ring = new Map();
    for (const depth of [1, 2]) {
      data.nodes.filter((n) => n.depth === depth)
        .sort((a, b) => (b.weight || 1) - (a.weight || 1) || String(a.name).localeCompare(String(b.name)))
        .forEach((n, i) => ring.set(n.id, 1000 - depth * 100 - Math.floor(i / (RING + (depth - 1) * 6))));
    }
    const elements = [];
    for (const n of data.nodes) {
      elements.push({ data: { id: String(n.id), label: n.name, type: n.type, depth: n.depth, weight: n.weight || 1,
                              ring: n.depth === 0 ? 10000 : ring.get(n.id) } });
    }
    const known = new Set(data.nodes.map((n) => n.id));
    for (const e of data.edges) {
      if (!known.has(e.source) || !known.has(e.target)) continue;
      const rel = (e.relations || []).map((r) => (r.relation || r) + (r.confirmed === false ? "?" : "")).join(", ");
      elements.push({ data: { id: "e" + e.source + "-" + e.target, source: String(e.source), target: String(e.target),
                              weight: e.weight || 1, label: rel, related: rel ? 1 : 0,
                              unconfirmed: e.confirmed === false ? 1 : 0 } });
    }
    if (!document.getElementById("__________cytoscape_stylesheet")) {
      // Cytoscape injects an inline <style> unless an element with this id exists; the CSP forbids inline styles
      const link = document.createElement("link");
      link.id = "__________cytoscape_stylesheet";
      link.rel = "stylesheet";
      link.href = "/static/css/cytoscape-container.css";
      document.head.prepend(link);
    }
    const cy = cytoscape({
      container: el,
      elements: elements,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": 12, "font-family": "system-ui, sans-serif", "color": "#1d2327",
          "text-wrap": "ellipsis", "text-max-width": 130, "min-zoomed-font-size": 0,
          "text-valign": "bottom", "text-margin-y": 4, "width": "mapData(weight, 1, 20, 14, 34)",
          "height": "mapData(weight, 1, 20, 14, 34)", "background-color": "#94a3b8",
          "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
        { selector: "node[type = 'PERSON']", style: { "background-color": "#7c3aed" } },
        { selector: "node[type = 'ORG']", style: { "background-color": "#0284c7" } },
        { selector: "node[type = 'GPE'], node[type = 'LOC'], node[type = 'FAC']", style: { "background-color": "#16a34a" } },
        { selector: "node[depth = 0]", style: { "border-width": 3, "border-color": "#1d2327", "font-weight": "bold" } },
        { selector: "edge", style: { "width": "mapData(weight, 1, 10, 1, 6)", "line-color": "#cbd5e1",
          "curve-style": "bezier",
          } },
        { selector: "edge[related = 1]", style: { "line-color": "#f59e0b" } },
        { selector: "edge[unconfirmed = 1]", style: { "line-style": "dashed", "opacity": 0.6 } },
      ],
      // rings by hop count and weight (see above): deterministic, unlike force layouts
      layout: { name: "concentric", concentric: (n) => n.data("ring"), levelWidth: () => 1,
                minNodeSpacing: 46, padding: 24, animate: false },
      minZoom: 0.3, maxZoom: 2.5, // a small graph is not blown up to fill the box
    });
    cy.on("tap", "node", (ev) => {
      const id = ev.target.id();
      if (id !== String(centre)) window.location.assign("/entities/" + encodeURIComponent(id));
    });
    window.cy = cy;  // for the browser tests and for curious readers in the console
    el.dataset.rendered = String(cy.nodes().length);
  }

  const chart = document.getElementById("timeline-chart");
  if (chart) timeline(chart);
  const graphEl = document.getElementById("graph");
  if (graphEl) graph(graphEl);
})();
