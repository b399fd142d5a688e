// newsgraph pages: alias autocomplete and the article fact panel.
// Text from the knowledge base is only ever set with textContent, never as HTML.
"use strict";

(function () {
  function autocomplete(input) {
    const list = input.parentElement.querySelector(".ac-list");
    let timer = null, seq = 0, active = -1;

    function isolated(text) {
      const bdi = document.createElement("bdi");
      bdi.textContent = text;
      return bdi;
    }

    function close() { list.hidden = true; list.replaceChildren(); active = -1; }

    function show(hits) {
      list.replaceChildren();
      for (const hit of hits) {
        const li = document.createElement("li");
        li.setAttribute("role", "option");
        const a = document.createElement("a");
        a.href = "/entities/" + encodeURIComponent(hit.id);
        a.append(isolated(hit.name), " ");  // <bdi>: a name's direction never spills into the text after it
        const note = document.createElement("span");
        note.className = "muted";
        note.append(hit.type);
        if (hit.alias && hit.alias !== hit.name) note.append(" · as ", isolated(hit.alias));
        note.append(" · " + hit.mention_count + (hit.mention_count === 1 ? " mention" : " mentions"));
        a.appendChild(note);
        li.appendChild(a);
        list.appendChild(li);
      }
      list.hidden = hits.length === 0;
      active = -1;
    }

    async function lookup() {
      const q = input.value.trim();
      if (!q) { close(); return; }
      const mine = ++seq;
      const resp = await fetch(input.dataset.suggest + "?limit=8&q=" + encodeURIComponent(q));
      if (!resp.ok || mine !== seq) return;  // a newer keystroke has its own request
      show(await resp.json());
    }

    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(lookup, 120); });
    input.addEventListener("keydown", (ev) => {
      const items = list.querySelectorAll("li");
      if (list.hidden || !items.length) return;
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        active = (active + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items.forEach((li, i) => li.classList.toggle("active", i === active));
      } else if (ev.key === "Enter" && active >= 0) {
        ev.preventDefault();
        window.location.assign(items[active].querySelector("a").href);
      } else if (ev.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 200));
  }

  function factPanel(body) {
    const panel = document.getElementById("facts");
    body.addEventListener("click", (ev) => {
      const mark = ev.target.closest(".hl");
      if (!mark || mark.tagName === "A") return;  // entity links go to the dossier
      document.querySelectorAll(".selected").forEach((el) => el.classList.remove("selected"));
      mark.classList.add("selected");
      let first = null;
      for (const id of (mark.dataset.facts || "").split(" ")) {
        const item = id && document.getElementById("fact-" + id);
        if (item) { item.classList.add("selected"); first = first || item; }
      }
      if (first) first.scrollIntoView({ block: "nearest" });
      const hint = document.getElementById("fact-hint");
      if (hint) hint.textContent = mark.title;
    });
    body.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && ev.target.classList.contains("hl")) ev.target.click(); });
    return panel;
  }

  document.querySelectorAll("input.ac-input").forEach(autocomplete);
  const body = document.getElementById("article-body");
  if (body) factPanel(body);
})();
