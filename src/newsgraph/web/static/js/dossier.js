// Dossier page: the Vega-Lite timeline (lines per day, week or month; a click lists a bar's lines) and the
// Cytoscape relation graph.
"use strict";

(function () {
  const KIND_COLOURS = { event: "#db2777", quote: "#d97706", mention: "#2563eb" };

  const DAY = 86400000;
  const ANCHOR = { event: "e", quote: "q", mention: "s" };

  // The bucket a day falls in: the day itself, its week (from Monday) or its month, in UTC.
  function bucketStart(iso, unit) {
    const d = new Date(iso + "T00:00:00Z");
    if (unit === "day") return d;
    if (unit === "week") return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  }
  function bucketEnd(start, unit) {
    if (unit === "day") return new Date(start.getTime() + DAY);
    if (unit === "week") return new Date(start.getTime() + 7 * DAY);
    return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }
  // Day bars up to three months, week bars up to four years, month bars beyond; ticks to match.
  function scaleFor(first, last) {
    const days = (last - first) / DAY;
    const years = days / 365.25;
    if (days <= 92) return { unit: "day", ticks: { interval: "week", step: 1 }, format: "%-d %b %Y" };
    if (years <= 2) return { unit: "week", ticks: { interval: "month", step: years > 1 ? 3 : 1 }, format: "%b %Y" };
    if (years <= 4) return { unit: "week", ticks: { interval: "year", step: 1 }, format: "%Y" };
    return { unit: "month", ticks: { interval: "year", step: Math.max(1, Math.ceil(years / 12)) }, format: "%Y" };
  }
  const iso = (d) => d.toISOString().slice(0, 10);
  const PERIOD = { day: "", week: "Week of ", month: "" };
  function periodName(start, unit) {
    const opts = unit === "month" ? { month: "long", year: "numeric", timeZone: "UTC" }
      : { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" };
    return PERIOD[unit] + start.toLocaleDateString("en-GB", opts);
  }

  // The lines of one bucket, listed under the chart: each links to its sentence in the article.
  function listLines(box, bucket, lines, unit) {
    box.replaceChildren();
    const head = document.createElement("p");
    head.className = "picked-head";
    head.textContent = periodName(bucket.start, unit) + ": " + lines.length + " line" + (lines.length === 1 ? "" : "s");
    box.append(head);
    const list = document.createElement("ol");
    list.className = "timeline picked";
    for (const t of lines) {
      const li = document.createElement("li");
      if (t.confirmed === false) li.className = "unconfirmed";
      const time = document.createElement("time");
      time.dateTime = t.date;
      time.textContent = t.date;
      const tag = document.createElement("span");
      tag.className = "tag k-" + t.kind;
      tag.textContent = t.kind;
      li.append(time, " ", tag, " ", t.what || "");
      if (t.sentence) {
        const q = document.createElement("q");
        q.className = "sentence";
        q.textContent = t.sentence.trim();
        li.append(" ", q);
      }
      if (t.article && t.article.id) {
        const a = document.createElement("a");
        const anchor = ANCHOR[t.kind] && Number.isInteger(t.start) ? "#" + ANCHOR[t.kind] + t.start : "";
        a.href = "/articles/" + encodeURIComponent(t.article.id) + (t.confirmed === false ? "?all=true" : "") + anchor;
        a.className = "source";
        const bdi = document.createElement("bdi");
        bdi.textContent = t.article.title || t.article.id;
        a.append(bdi);
        li.append(" ", a);
      }
      list.append(li);
    }
    box.append(list);
    box.hidden = false;
  }

  async function timeline(el) {
    const url = new URL(el.dataset.src, window.location.href);  // data-src may carry ?all=true
    url.searchParams.set("limit", "2000");
    const resp = await fetch(url);
    if (!resp.ok) return;
    const data = await resp.json();
    const lines = data.timeline.filter((t) => t.day_from);
    if (!lines.length) { el.textContent = "No dated lines yet."; el.classList.add("muted"); return; }
    // volume: how many lines per day, week or month (a date coarser than that counts at its first day)
    const days = lines.map((t) => new Date(t.day_from + "T00:00:00Z").getTime());
    const scale = scaleFor(Math.min(...days), Math.max(...days));
    const buckets = new Map();
    for (const t of lines) {
      const start = bucketStart(t.day_from, scale.unit);
      const key = iso(start);
      if (!buckets.has(key)) buckets.set(key, { start: start, lines: [] });
      buckets.get(key).lines.push(t);
    }
    const bars = [];
    for (const [key, b] of [...buckets].sort()) {
      let y = 0;
      for (const kind of Object.keys(KIND_COLOURS)) {
        const n = b.lines.filter((t) => t.kind === kind).length;
        if (!n) continue;
        bars.push({ key: key, start: b.start.getTime(), end: bucketEnd(b.start, scale.unit).getTime(), kind: kind, count: n,
                    y0: y, y1: y + n, period: periodName(b.start, scale.unit), total: b.lines.length });
        y += n;
      }
    }
    const first = bucketStart(iso(new Date(Math.min(...days))), scale.unit);
    const last = bucketEnd(bucketStart(iso(new Date(Math.max(...days))), scale.unit), scale.unit);
    const unitWord = scale.unit;
    const spec = {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      width: "container", height: 160, autosize: { type: "fit-x", contains: "padding" },
      data: { values: bars },
      mark: { type: "rect", cursor: "pointer", stroke: "#fff", strokeWidth: 0.5 },
      encoding: {
        x: { field: "start", type: "temporal", title: null,
             scale: { type: "utc", domain: [first.getTime(), last.getTime()], nice: false },
             axis: { grid: true, tickCount: scale.ticks, format: scale.format, labelOverlap: true, labelFlush: true } },
        x2: { field: "end" },
        y: { field: "y0", type: "quantitative", title: "lines per " + unitWord,
             axis: { tickMinStep: 1, format: "d" } },
        y2: { field: "y1" },
        color: { field: "kind", type: "nominal", title: null,
                 scale: { domain: Object.keys(KIND_COLOURS), range: Object.values(KIND_COLOURS) },
                 legend: { orient: "top", direction: "horizontal" } },
        tooltip: [{ field: "period" }, { field: "kind" }, { field: "count", title: "lines" },
                  { field: "total", title: "all lines" }],
      },
      config: { view: { stroke: null }, font: "system-ui, sans-serif" },
    };
    const view = (await window.newsgraphEmbed(el, spec)).view;
    const box = document.getElementById("timeline-picked");
    view.addEventListener("click", (event, item) => {
      const key = item && item.datum && item.datum.key;
      if (!key || !box || !buckets.has(key)) return;
      listLines(box, buckets.get(key), buckets.get(key).lines, scale.unit);
    });
    el.newsgraphView = view;
    el.newsgraphBuckets = { unit: scale.unit, counts: Object.fromEntries([...buckets].map(([k, b]) => [k, b.lines.length])) };
    el.dataset.unit = scale.unit;
    el.dataset.rendered = String(lines.length);
  }

  // Push apart any two nodes whose boxes (label included) still overlap after the force layout, along
  // the axis where they overlap least, until none does (or after ``rounds``).
  function separate(cy, rounds) {
    const nodes = cy.nodes().toArray();
    for (let round = 0; round < rounds; round++) {
      const boxes = nodes.map((n) => n.boundingBox({ includeLabels: true }));
      let moved = false;
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = boxes[i], b = boxes[j];
          const ox = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
          const oy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
          if (ox <= 0 || oy <= 0) continue;
          moved = true;
          const alongX = ox < oy;
          const gap = (alongX ? ox : oy) / 2 + 3;
          const sign = Math.sign(alongX ? (a.x1 + a.x2) - (b.x1 + b.x2) : (a.y1 + a.y2) - (b.y1 + b.y2)) || (i % 2 ? 1 : -1);
          const d = { x: alongX ? sign * gap : 0, y: alongX ? 0 : sign * gap };
          for (const [node, box, k] of [[nodes[i], a, 1], [nodes[j], b, -1]]) {
            const p = node.position();
            node.position({ x: p.x + k * d.x, y: p.y + k * d.y });
            box.x1 += k * d.x; box.x2 += k * d.x; box.y1 += k * d.y; box.y2 += k * d.y;
          }
        }
      }
      if (!moved) break;
    }
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
    // Start from rings (the entity in the middle; its neighbours, heaviest nearest, at most RING to a
    // ring; the second hop outside them), then let a force layout (Cytoscape's cose) pull ties together
    // and push labels apart. Starting from the rings, not at random, draws the same graph every time.
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
      const rel = (e.relations || []).map((r) => (r.former ? "former " : "") + (r.relation || r) + (r.confirmed === false ? "?" : "")).join(", ");
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
        { selector: "node[depth = 2]", style: { "font-size": 10, "min-zoomed-font-size": 7, "text-max-width": 110 } },
        { selector: "node[depth = 0]", style: { "border-width": 3, "border-color": "#1d2327", "font-weight": "bold" } },
        { selector: "edge", style: { "width": "mapData(weight, 1, 10, 1, 6)", "line-color": "#cbd5e1",
          "curve-style": "bezier",
          } },
        { selector: "edge[related = 1]", style: { "line-color": "#f59e0b" } },
        { selector: "edge[unconfirmed = 1]", style: { "line-style": "dashed", "opacity": 0.6 } },
      ],
      layout: { name: "preset" },
      minZoom: 0.3, maxZoom: 2.5, // a small graph is not blown up to fill the box
    });
    cy.layout({ name: "concentric", concentric: (n) => n.data("ring"), levelWidth: () => 1,
                minNodeSpacing: 4, padding: 24, animate: false, fit: false }).run();
    const big = cy.nodes().length > 25;
    cy.layout({
      name: "cose", randomize: false, animate: false, fit: true, padding: 24,
      boundingBox: { x1: 0, y1: 0, w: Math.max(cy.width(), 600), h: Math.max(cy.height(), 420) },  // drawn at a readable scale
      nodeDimensionsIncludeLabels: true,  // a label is part of its node: labels do not overlap
      nodeRepulsion: () => (big ? 12000 : 8000), nodeOverlap: 40, idealEdgeLength: () => (big ? 70 : 60),
      edgeElasticity: () => 32, gravity: 1, numIter: 2500, componentSpacing: 60,
    }).run();
    separate(cy, 60);
    // stretch the drawing to the box's shape (a tall drawing in a wide box is fitted small): spreading
    // one axis moves nodes apart, never together; then fit
    const bb = cy.nodes().boundingBox({ includeLabels: true });
    const want = cy.width() / cy.height();
    if (bb.w > 0 && bb.h > 0) {
      const sx = Math.max(1, (want * bb.h) / bb.w), sy = Math.max(1, bb.w / (want * bb.h));
      const cx = (bb.x1 + bb.x2) / 2, cyy = (bb.y1 + bb.y2) / 2;
      cy.nodes().positions((n) => ({ x: cx + (n.position("x") - cx) * sx, y: cyy + (n.position("y") - cyy) * sy }));
      cy.fit(undefined, 24);
    }
    for (const button of document.querySelectorAll("#graph-tools button[data-zoom]")) {
      button.addEventListener("click", () => {
        const how = button.dataset.zoom;
        if (how === "fit") { cy.fit(undefined, 24); return; }
        const level = cy.zoom() * (how === "in" ? 1.3 : 1 / 1.3);
        cy.zoom({ level: Math.min(cy.maxZoom(), Math.max(cy.minZoom(), level)),
                  renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      });
    }
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
