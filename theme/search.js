// glossator search: works from disk (file://). The index is a script,
// loaded the first time the reader searches. Everything placed into the page
// is text (textContent), never markup, so titles and queries cannot inject.
(function () {
  "use strict";
  var doc = document.documentElement;
  var root = doc.getAttribute("data-root") || "";
  var form = document.getElementById("gl-search");
  var input = document.getElementById("gl-search-input");
  var list = document.getElementById("gl-search-results");
  var status = document.getElementById("gl-search-status");
  var panel = document.getElementById("gl-search-panel");
  var filters = document.getElementById("gl-search-filters");
  // The words this script writes, in the edition's language, from toc.js
  // (see glossator.js); a string's {placeholders} filled.
  var strings = window.glossatorStrings || {};
  function say(key, values) {
    var s = Object.prototype.hasOwnProperty.call(strings, key) ? String(strings[key]) : key;
    return s.replace(/\{([a-z0-9_]+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  // English words are found in all their forms ("expulsions", "expulsion").
  var english = /^en\b/i.test(doc.getAttribute("lang") || "en");
  var shown = "all";
  var toggle = document.getElementById("gl-search-toggle");
  if (!form || !input || !list) return;
  var onSearchPage = !!document.querySelector('[data-path="search.html"]');
  form.hidden = false;
  if (toggle) toggle.hidden = false;

  var index = null;
  var waiting = [];
  var single = doc.getAttribute("data-single") === "1";
  function load(then) {
    if (!index && window.glossatorSearchIndex) {
      index = window.glossatorSearchIndex;
      index.folded = index.entries.map(function (e) { return fold(e[1] + " " + e[3]); });
    }
    if (index) return then();
    waiting.push(then);
    if (waiting.length > 1) return;
    var script = document.createElement("script");
    script.src = root + "search-index.js";
    script.onload = function () {
      index = window.glossatorSearchIndex || { pages: [], entries: [] };
      index.folded = index.entries.map(function (e) { return fold(e[1] + " " + e[3]); });
      var pending = waiting;
      waiting = [];
      pending.forEach(function (f) { f(); });
    };
    script.onerror = function () { if (status) status.textContent = say("search_failed"); };
    document.head.appendChild(script);
  }

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019]/g, "'").replace(/[\u2010-\u2015]/g, "-");
  }

  // The forms a query word is found in: its stem, which every form of the
  // word holds ("expulsion" for "expulsions", "detain" for "detained"), or
  // for "-ies" both the word and its "-y" ("parties", "party").
  function forms(word) {
    if (!english || word.length < 5) return [word];
    var m;
    if ((m = /^(.{3,})ies$/.exec(word))) return [word, m[1] + "y"];
    if ((m = /^(.{4,})(?:ing|ed|es|s)$/.exec(word)) && !/(ss|us|is)$/.test(word)) {
      var stem = m[1];
      // "es" only after s, x, z, ch, sh ("boxes"); else just the "s".
      if (/es$/.test(word) && !/(s|x|z|ch|sh)$/.test(stem)) stem = word.slice(0, -1);
      return [stem];
    }
    return [word];
  }

  // Where an entry comes from: the paper's text, its notes, or an instrument.
  function kind(e) {
    if (index.pages[e[0]][2] === "i") return "instruments";
    return /^fn-/.test(e[2] || "") ? "notes" : "paper";
  }

  function search(query) {
    var words = fold(query).split(/\s+/).filter(function (w) { return w.length > 0; });
    if (!words.length) return [];
    var alternatives = words.map(forms);
    var phrase = words.join(" ");
    var hits = [];
    for (var i = 0; i < index.entries.length; i++) {
      var text = index.folded[i];
      var score = 0;
      for (var w = 0; w < alternatives.length; w++) {
        var best = -1;
        for (var f = 0; f < alternatives[w].length; f++) {
          var n = text.split(alternatives[w][f]).length - 1;
          if (n > 0) best = Math.max(best, 1 + (n - 1) * 0.2);
        }
        if (best < 0) { score = -1; break; }
        score += best;
      }
      if (score < 0) continue;
      if (words.length > 1 && text.indexOf(phrase) >= 0) score += 3;
      var e = index.entries[i];
      if (fold(e[1]).indexOf(phrase) >= 0 || fold(index.pages[e[0]][0]).indexOf(phrase) >= 0) score += 2;
      // The paper first, then its notes, then the instruments it cites.
      var from = kind(e);
      score += from === "paper" ? 4 : from === "notes" ? 2 : 0;
      hits.push({ entry: e, score: score, order: i, kind: from });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var marks = [].concat.apply([], alternatives);
    return hits.map(function (h) { return { entry: h.entry, words: marks, kind: h.kind }; });
  }

  // The words around the first match, cut at spaces, with every query word marked.
  function snippet(text, words) {
    var folded = fold(text);
    var at = -1;
    for (var w = 0; w < words.length && at < 0; w++) at = folded.indexOf(words[w]);
    at = Math.max(0, at);
    var start = Math.max(0, at - 70);
    var end = Math.min(text.length, at + 150);
    if (start > 0) { var sp = text.indexOf(" ", start); start = sp >= 0 && sp < at ? sp + 1 : start; }
    if (end < text.length) { var ep = text.lastIndexOf(" ", end); end = ep > at ? ep : end; }
    var part = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
    var foldedPart = fold(part);
    var frag = document.createDocumentFragment();
    var pos = 0;
    while (pos < part.length) {
      var next = -1;
      var len = 0;
      for (var w = 0; w < words.length; w++) {
        var k = foldedPart.indexOf(words[w], pos);
        if (k >= 0 && (next < 0 || k < next)) { next = k; len = words[w].length; }
      }
      if (next < 0) { frag.appendChild(document.createTextNode(part.slice(pos))); break; }
      if (next > pos) frag.appendChild(document.createTextNode(part.slice(pos, next)));
      var mark = document.createElement("mark");
      mark.textContent = part.slice(next, next + len);
      frag.appendChild(mark);
      pos = next + len;
    }
    return frag;
  }

  var active = -1;
  function show(query) {
    list.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!query.trim()) {
      list.hidden = true;
      if (panel) panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      if (status) status.textContent = "";
      return;
    }
    var all = search(query);
    var counts = { all: all.length, paper: 0, notes: 0, instruments: 0 };
    all.forEach(function (r) { counts[r.kind]++; });
    if (!counts[shown]) shown = "all";
    var chosen = all.filter(function (r) { return shown === "all" || r.kind === shown; });
    var results = chosen.slice(0, 50);
    if (status) {
      var found = say(chosen.length === 1 ? "search_one" : "search_many", { n: chosen.length });
      status.textContent = !all.length
        ? say("search_none", { query: query.trim() })
        : results.length < chosen.length ? say("search_first", { results: found, shown: results.length }) : found;
    }
    if (filters) {
      filters.textContent = "";
      var names = { all: say("search_all"), paper: say("search_text"), notes: say("notes"), instruments: say("instruments") };
      ["all", "paper", "notes", "instruments"].forEach(function (k) {
        if (k !== "all" && !counts[k]) return;
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = names[k] + " (" + counts[k] + ")";
        b.setAttribute("aria-pressed", k === shown ? "true" : "false");
        b.setAttribute("data-kind", k);
        b.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
        b.addEventListener("click", function () { shown = k; show(input.value); input.focus(); });
        filters.appendChild(b);
      });
      filters.hidden = all.length === 0;
    }
    if (panel) panel.hidden = false;
    results.forEach(function (r, i) {
      var e = r.entry;
      var page = index.pages[e[0]];
      var li = document.createElement("li");
      li.id = "search-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-kind", r.kind);
      var a = document.createElement("a");
      if (single) {
        // page[1] is the page's percent-encoded address; its section id is the file's name.
        var name = page[1];
        try { name = decodeURIComponent(name); } catch (err) { /* keep it as written */ }
        var section = name.replace(/\.html$/, "").replace(/\//g, "-");
        var global = /^(fn|fnref|para)-/.test(e[2] || "");
        a.href = "#" + (e[2] ? (global ? e[2] : section + "--" + e[2]) : section);
      } else {
        a.href = root + page[1] + (e[2] ? "#" + e[2] : "");
      }
      a.tabIndex = -1;
      var where = document.createElement("span");
      where.className = "result-where";
      where.textContent = page[0] + (e[1] ? " · " + e[1] : "");
      var text = document.createElement("span");
      text.className = "result-text";
      text.appendChild(snippet(e[3], r.words));
      a.appendChild(where);
      a.appendChild(text);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
  }

  function move(delta) {
    var items = list.querySelectorAll("li");
    if (!items.length) return;
    if (active >= 0) items[active].setAttribute("aria-selected", "false");
    active = (active + delta + items.length) % items.length;
    items[active].setAttribute("aria-selected", "true");
    items[active].scrollIntoView({ block: "nearest" });
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", function () {
    var q = input.value;
    load(function () { show(q); });
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Enter") {
      var items = list.querySelectorAll("li a");
      var pick = items[active >= 0 ? active : 0];
      if (pick) { e.preventDefault(); window.location.href = pick.href; }
    } else if (e.key === "Escape") {
      input.value = "";
      show("");
      if (!onSearchPage) input.blur();
    }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  if (toggle) {
    toggle.addEventListener("click", function () {
      form.classList.add("open");
      input.focus();
    });
  }

  // "/" or "s" puts the cursor in the search box.
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (e.key === "/" || e.key === "s") {
      e.preventDefault();
      form.classList.add("open");
      input.focus();
    }
  });

  // search.html?q=...: the query from the address, shown as text.
  if (onSearchPage) {
    // On a phone the box is folded away behind its button; here it is the page.
    form.classList.add("open");
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    load(function () { show(q); });
  }
})();
