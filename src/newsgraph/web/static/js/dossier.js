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
