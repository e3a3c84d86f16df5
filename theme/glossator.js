// glossator's default script. Everything it does is an enhancement: every page
// reads, and every link works, without it.
(function () {
  "use strict";
  var doc = document.documentElement;
  doc.classList.add("js");
  var root = doc.getAttribute("data-root") || "";
  // The words this script writes, in the edition's language: toc.js gives
  // them (glossator's i18n tables), so that this file holds none of any
  // language. `say` fills a string's {placeholders}; without toc.js a key
  // stands for its string.
  var strings = window.glossatorStrings || {};
  var said = function (key) {
    return Object.prototype.hasOwnProperty.call(strings, key) ? String(strings[key]) : key;
  };
  var say = function (key, values) {
    return said(key).replace(/\{([a-z0-9_]+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  };
  // The string as nodes, each placeholder's value a node of its own (a bold
  // term) or text.
  var sayNodes = function (key, values) {
    var frag = document.createDocumentFragment();
    said(key).split(/(\{[a-z0-9_]+\})/).forEach(function (piece) {
      var name = /^\{([a-z0-9_]+)\}$/.exec(piece);
      var value = name && Object.prototype.hasOwnProperty.call(values, name[1]) ? values[name[1]] : piece;
      if (value === "") return;
      frag.appendChild(typeof value === "string" ? document.createTextNode(value) : value);
    });
    return frag;
  };
  var article = document.querySelector("[data-path]");
  var here = article ? article.getAttribute("data-path") : "toc.html";

  // The sidebar: the contents come from toc.js, written once for the whole edition.
  var holder = document.getElementById("gl-sidebar-toc");
  if (holder && typeof window.glossatorToc === "string") {
    holder.innerHTML = window.glossatorToc;
    var links = holder.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var target = links[i].getAttribute("href");
      // The address is percent-encoded; data-path and section ids hold the file's name.
      var path = target;
      try { path = decodeURIComponent(target); } catch (e) { /* keep it as written */ }
      // In the single-file edition every page is a section of this document.
      var single = doc.getAttribute("data-single") === "1";
      links[i].setAttribute("href", single ? "#" + path.replace(/\.html$/, "").replace(/\//g, "-") : root + target);
      if (path === here) {
        links[i].setAttribute("aria-current", "page");
        var panel = document.getElementById("gl-sidebar");
        if (panel) panel.scrollTop = Math.max(0, links[i].offsetTop - panel.clientHeight / 2);
      }
    }
  }

  var sidebar = document.getElementById("gl-sidebar");
  var toggle = document.getElementById("gl-sidebar-toggle");
  if (sidebar && toggle) {
    toggle.hidden = false;
    // On a narrow screen the contents are a drawer over the page, with a
    // backdrop: its button, Escape and a tap outside it close it.
    var backdrop = document.createElement("div");
    backdrop.className = "sidebar-backdrop";
    backdrop.hidden = true;
    sidebar.parentNode.insertBefore(backdrop, sidebar.nextSibling);
    var setOpen = function (open) {
      sidebar.classList.toggle("open", open);
      backdrop.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    };
    toggle.addEventListener("click", function () {
      setOpen(!sidebar.classList.contains("open"));
    });
    backdrop.addEventListener("click", function () {
      setOpen(false);
      toggle.focus();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && sidebar.classList.contains("open")) {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Jumps (a citation, a backlink, a search hit, a paragraph number) land
  // below the sticky bars: every target's scroll margin is the top bar's
  // height plus, within a chapter (or a chapter of the single file), the
  // height of its clause panel while that panel is sticky. Both are measured,
  // since the bar wraps on a narrow screen and the panel's height is its text's.
  var topBar = document.querySelector(".top-bar");
  var stickyBottom = function (el) {
    var style = getComputedStyle(el);
    if (style.position !== "sticky" && style.position !== "fixed") return 0;
    return (parseFloat(style.top) || 0) + el.getBoundingClientRect().height;
  };
  var measureSticky = function () {
    if (topBar) doc.style.setProperty("--gl-bar", Math.ceil(stickyBottom(topBar)) + "px");
    var panels = document.querySelectorAll(".clause-panel");
    for (var k = 0; k < panels.length; k++) {
      var scope = panels[k].closest("section.combined-page, article") || panels[k].parentNode;
      var below = stickyBottom(panels[k]);
      // Only what the panel adds below the bar.
      var bar = topBar ? stickyBottom(topBar) : 0;
      scope.style.setProperty("--gl-panel", Math.max(0, Math.ceil(below - bar)) + "px");
    }
  };
  // A clause panel kept in view can be folded to its name, and opened again.
  var foldable = document.querySelectorAll(".clause-panel:not(.clause-empty)");
  for (var f = 0; f < foldable.length; f++) {
    (function (panel) {
      var label = panel.querySelector(".clause-label");
      var text = panel.querySelector(".clause-text");
      if (!label || !text) return;
      if (!text.id) text.id = "gl-clause-text-" + f;
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "clause-toggle";
      toggle.setAttribute("aria-controls", text.id);
      var show = function (open) {
        panel.classList.toggle("folded", !open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        toggle.textContent = open ? say("clause_fold") : say("clause_show");
      };
      show(true);
      toggle.addEventListener("click", function () {
        show(panel.classList.contains("folded"));
        measureSticky();
      });
      label.appendChild(toggle);
    })(foldable[f]);
  }
  measureSticky();
  window.addEventListener("resize", measureSticky);
  if (window.ResizeObserver) {
    var stickyWatch = new ResizeObserver(measureSticky);
    if (topBar) stickyWatch.observe(topBar);
    var watched = document.querySelectorAll(".clause-panel");
    for (var w = 0; w < watched.length; w++) stickyWatch.observe(watched[w]);
  }

  // Light and dark: follows the system until the reader chooses.
  var themeButton = document.getElementById("gl-theme-toggle");
  if (themeButton) {
    themeButton.hidden = false;
    var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    var isDark = function () {
      var chosen = doc.dataset.theme;
      return chosen ? chosen === "dark" : !!(media && media.matches);
    };
    // The button names what it does next: the light theme while dark, and back.
    var themeIcon = themeButton.querySelector(".icon");
    var themeLabel = themeButton.querySelector(".label") || themeButton;
    var show = function () {
      var dark = isDark();
      themeLabel.textContent = dark ? say("theme_light") : say("theme_dark");
      if (themeIcon) themeIcon.textContent = dark ? "\u2600" : "\u263e";
    };
    if (media && media.addEventListener) media.addEventListener("change", show);
    themeButton.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      doc.dataset.theme = next;
      try { localStorage.setItem("glossator-theme", next); } catch (e) { /* file:// may forbid storage */ }
      show();
    });
    show();
  }

  // Code blocks with hidden lines (rustdoc's `# `): hidden here, as mdBook
  // hides them, with a button that shows them again. Without JavaScript they
  // stay shown (faded); print leaves them out.
  var hiddenLines = document.querySelectorAll("pre > code .boring");
  var withHidden = [];
  for (var h = 0; h < hiddenLines.length; h++) {
    var block = hiddenLines[h].closest("pre");
    if (block && withHidden.indexOf(block) < 0) withHidden.push(block);
  }
  withHidden.forEach(function (pre) {
    pre.classList.add("hide-boring");
    var wrap = document.createElement("div");
    wrap.className = "code-block";
    pre.parentNode.insertBefore(wrap, pre);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hidden-lines-toggle";
    button.textContent = say("hidden_lines_show");
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      var shown = pre.classList.contains("hide-boring");
      pre.classList.toggle("hide-boring", !shown);
      button.setAttribute("aria-pressed", shown ? "true" : "false");
    });
    wrap.appendChild(button);
    wrap.appendChild(pre);
  });

  // Puts a card (absolutely positioned, a child of body) next to an element:
  // below it, or above it when there is no room below and there is above;
  // never beyond the left or right edge of the window.
  var placeNear = function (box, anchor) {
    var r = anchor.getBoundingClientRect();
    var viewW = document.documentElement.clientWidth;
    var viewH = window.innerHeight || document.documentElement.clientHeight;
    var left = Math.max(8, Math.min(r.left, viewW - box.offsetWidth - 8));
    var top = r.bottom + 6;
    if (top + box.offsetHeight > viewH - 8 && r.top - 6 - box.offsetHeight >= 8) top = r.top - 6 - box.offsetHeight;
    box.style.left = left + window.pageXOffset + "px";
    box.style.top = top + window.pageYOffset + "px";
  };

  // Cards: hovering or focusing a citation shows the cited unit's text; an
  // abbreviation of the edition's list shows its expansion, the editors'
  // gloss, which is never written into the authors' sentence; an editorial
  // mark ([sic]) shows the editors' explanation. On a touch
  // screen the first tap on a citation shows its card (with a link to the
  // unit), the second tap follows the link; a tap on an abbreviation shows
  // its card.
  var previews = {};
  var store = document.querySelectorAll(".unit-preview[data-unit]");
  for (var p = 0; p < store.length; p++) previews[store[p].getAttribute("data-unit")] = store[p];
  var card = null;
  var cardFor = null;
  var hideCard = function () {
    if (card) card.remove();
    if (cardFor) {
      cardFor.removeAttribute("aria-describedby");
      // The native tooltip comes back once the card is gone.
      if (cardFor.hasAttribute("data-title")) {
        cardFor.setAttribute("title", cardFor.getAttribute("data-title"));
        cardFor.removeAttribute("data-title");
      }
    }
    card = null;
    cardFor = null;
  };
  var fillCard = function (box, target, withLink) {
    var gloss = target.getAttribute("data-title") || target.getAttribute("title") || "";
    if (target.classList.contains("ed-mark")) {
      box.className += " gloss-card";
      var head = document.createElement("p");
      head.className = "preview-title";
      head.textContent = say("editorial_note");
      var why = document.createElement("p");
      why.textContent = gloss;
      box.appendChild(head);
      box.appendChild(why);
      return true;
    }
    if (target.tagName === "ABBR") {
      box.className += " gloss-card";
      var label = document.createElement("p");
      label.className = "preview-title";
      label.textContent = say("card_abbreviation");
      var text = document.createElement("p");
      var term = document.createElement("b");
      term.textContent = target.textContent;
      text.appendChild(sayNodes("card_abbreviation_text", { term: term, expansion: gloss }));
      box.appendChild(label);
      box.appendChild(text);
      return true;
    }
    var source = previews[target.getAttribute("data-unit")];
    if (!source) return false;
    for (var c = 0; c < source.childNodes.length; c++) box.appendChild(source.childNodes[c].cloneNode(true));
    if (withLink) {
      var go = document.createElement("p");
      go.className = "card-go";
      var a = document.createElement("a");
      a.href = target.href;
      var title = source.querySelector(".preview-title");
      a.textContent = title ? say("card_go", { title: title.textContent }) : say("card_go_fallback");
      go.appendChild(a);
      box.appendChild(go);
    }
    return true;
  };
  var showCard = function (target, byTouch) {
    if (cardFor === target) return;
    hideCard();
    var box = document.createElement("div");
    box.className = "preview-card";
    box.id = "preview-card";
    // A tooltip holds no controls: a card with a link in it is a group.
    var withLink = !!byTouch && target.tagName === "A";
    if (withLink) {
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", say("card_preview"));
    } else {
      box.setAttribute("role", "tooltip");
    }
    if (!fillCard(box, target, withLink)) return;
    card = box;
    document.body.appendChild(card);
    placeNear(card, target);
    if (target.hasAttribute("title")) {
      target.setAttribute("data-title", target.getAttribute("title"));
      target.removeAttribute("title");
    }
    target.setAttribute("aria-describedby", "preview-card");
    cardFor = target;
  };
  var cardTargetOf = function (node) {
    return node && node.closest ? node.closest("a.cite[data-unit], abbr[title], abbr[data-title], .ed-mark:not(.ed-expansion)") : null;
  };
  var lastPointer = "mouse";
  // Which card was showing when the current tap began: the tap's own focus
  // shows the card before its click arrives, and must not count as a first tap.
  var cardAtTap = null;
  document.addEventListener("pointerdown", function (e) {
    lastPointer = e.pointerType;
    cardAtTap = cardFor;
  }, true);
  document.addEventListener("mouseover", function (e) {
    var t = cardTargetOf(e.target);
    if (t && lastPointer !== "touch") showCard(t, false);
  });
  document.addEventListener("mouseout", function (e) {
    var t = cardTargetOf(e.target);
    if (t && t === cardFor && !(e.relatedTarget && (t.contains(e.relatedTarget) || (card && card.contains(e.relatedTarget))))) hideCard();
  });
  document.addEventListener("focusin", function (e) {
    var t = cardTargetOf(e.target);
    if (t) showCard(t, lastPointer === "touch");
    else if (!(card && card.contains(e.target))) hideCard();
  });
  document.addEventListener("click", function (e) {
    var t = cardTargetOf(e.target);
    if (t && lastPointer === "touch") {
      if (t.tagName === "A" && cardAtTap === t) return; // the second tap: go
      if (t.tagName === "A") e.preventDefault();
      if (cardFor !== t || !card || !card.querySelector(".card-go")) {
        hideCard();
        showCard(t, true);
      }
      cardAtTap = cardFor;
    } else if (!t && card && !card.contains(e.target)) {
      hideCard();
    }
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideCard(); });

  // Paragraph numbers are links (and the paragraph's address) without
  // scripts; with them, they are not a tab stop before every paragraph.
  var paraNums = document.querySelectorAll("a.para-num");
  for (var pn = 0; pn < paraNums.length; pn++) paraNums[pn].tabIndex = -1;

  // Pin-point citations: a click on a paragraph number, or on a note's number,
  // copies a citation of it in OSCOLA's shape and says so in a live region:
  // "Elspeth Guild, …, 'IOM and the UN: Unfinished Business' (2017) Series,
  // section 'Introduction', para 12 of the annotated edition <URL#para-12>
  // accessed 3 December 2026". The paragraph is the edition's (its numbers
  // are the editors'), a note the authors' ("n 45"). The address is the
  // published one (`site-url`), or the page's own on a public web server;
  // a file on disk or a local preview has none worth citing, and the
  // citation goes without it. The paragraph number stays a plain link
  // without JavaScript.
  // A chapter, or the print or single-file edition holding every chapter.
  var chapter = document.querySelector("article.chapter") || document.querySelector("article.generated-page");
  var status = document.createElement("div");
  status.className = "copy-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);
  var statusTimer = null;
  var announce = function (message) {
    status.textContent = "";
    clearTimeout(statusTimer);
    // A pause, so that the same message twice is announced twice.
    setTimeout(function () {
      status.textContent = message;
      statusTimer = setTimeout(function () { status.textContent = ""; }, 2500);
    }, 30);
  };
  var citeGet = function (name) {
    return chapter ? (chapter.getAttribute("data-cite-" + name) || "").trim() : "";
  };
  var pageUrl = function () {
    var given = citeGet("url");
    if (given) return given.split("#")[0];
    var here = window.location;
    var local = /^(localhost|127\.|\[::1\]|0\.0\.0\.0)/.test(here.hostname);
    return /^https?:$/.test(here.protocol) && !local ? here.href.split("#")[0] : "";
  };
  // The section a number is in: the chapter's, or in the print edition the
  // chapter section holding it.
  var sectionOf = function (node) {
    var part = node && node.closest ? node.closest("section.combined-page") : null;
    var heading = part ? part.querySelector("h1") : null;
    var name = heading ? heading.textContent.replace(/\s+/g, " ").trim() : citeGet("chapter");
    return name && name !== citeGet("title") ? name : "";
  };
  var citationOf = function (what, fragment, node) {
    var names = citeGet("authors") ? citeGet("authors").split(/\s*,\s*/) : [];
    var authors = names.length > 1 ? say("cite_and", { first: names.slice(0, -1).join(", "), last: names[names.length - 1] }) : names.join("");
    var work = citeGet("title") ? say("cite_work", { title: citeGet("title") }) : document.title;
    if (citeGet("date")) work += " (" + citeGet("date") + ")";
    if (citeGet("series")) work += " " + citeGet("series");
    var parts = [];
    if (authors) parts.push(authors);
    parts.push(work);
    var section = sectionOf(node);
    if (section) parts.push(say("cite_section", { section: section }));
    var text = parts.join(", ") + ", " + what;
    var url = pageUrl();
    if (url) {
      var day = { day: "numeric", month: "long", year: "numeric" };
      var accessed;
      try { accessed = new Date().toLocaleDateString(said("cite_date_locale"), day); } catch (e) { accessed = new Date().toLocaleDateString(undefined, day); }
      text += " " + say("cite_accessed", { url: url + "#" + fragment, date: accessed });
    }
    return text;
  };
  var copyBuffer = null;
  var copyWithCommand = function (text) {
    var active = document.activeElement;
    copyBuffer = document.createElement("textarea");
    copyBuffer.className = "copy-buffer";
    copyBuffer.value = text;
    copyBuffer.setAttribute("readonly", "");
    copyBuffer.setAttribute("aria-hidden", "true");
    copyBuffer.style.position = "fixed";
    copyBuffer.style.top = "0";
    copyBuffer.style.left = "-9999px";
    copyBuffer.style.opacity = "0";
    document.body.appendChild(copyBuffer);
    copyBuffer.select();
    copyBuffer.setSelectionRange(0, text.length);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(copyBuffer);
    copyBuffer = null;
    if (active && active.focus) {
      try { active.focus({ preventScroll: true }); } catch (e) { active.focus(); }
    }
    return ok;
  };
  var copyText = function (text) {
    window.__glossatorLastCopied = text;
    var fallback = function () {
      announce(copyWithCommand(text) ? say("citation_copied") : say("citation_not_copied"));
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      try {
        navigator.clipboard.writeText(text).then(function () { announce(say("citation_copied")); }, fallback);
      } catch (e) { fallback(); }
    } else {
      fallback();
    }
  };
  var plainClick = function (e) {
    return !(e.button || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey);
  };
  var setHash = function (id) {
    try {
      window.history.replaceState(window.history.state, "", "#" + id);
    } catch (e) {
      var x = window.pageXOffset, y = window.pageYOffset;
      window.location.hash = id;
      window.scrollTo(x, y);
    }
  };
  var flash = function (node) {
    node.classList.remove("flash");
    void node.offsetWidth;
    node.classList.add("flash");
    setTimeout(function () { node.classList.remove("flash"); }, 1600);
  };
  document.addEventListener("click", function (e) {
    var num = e.target.closest ? e.target.closest("a.para-num, button.note-num") : null;
    if (!num || !plainClick(e)) return;
    if (num.tagName === "A") {
      var para = document.getElementById((num.getAttribute("href") || "").slice(1));
      if (!para) return;
      e.preventDefault();
      copyText(citationOf(say("cite_paragraph", { n: num.textContent.trim() }), para.id, para));
      setHash(para.id);
      flash(para);
    } else {
      var n = num.getAttribute("data-note");
      copyText(citationOf(say("cite_note", { n: n }), "fn-" + n, document.getElementById("fn-" + n) || num));
    }
  });

  // Notes. On a wide screen each note stands in the right margin beside the
  // line that cites it (a sidenote); on a narrower one, hovering or focusing a
  // reference shows the note in a card, and a click or tap opens it as a small
  // non-modal dialog. The notes at the end of the chapter stay in the page:
  // they are what prints, and what is read without JavaScript.
  var notes = {};
  var noteItems = document.querySelectorAll(".footnotes li[id^='fn-']");
  var numberButton = function (n, extraClass) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "note-num" + (extraClass ? " " + extraClass : "");
    b.setAttribute("data-note", n);
    b.setAttribute("aria-label", say("note_copy_label", { n: n }));
    b.title = say("note_copy_title", { n: n });
    b.textContent = n;
    // Not a tab stop beside every note (a click or a tap copies); in the
    // note's dialog, which Enter on a reference opens, it is one.
    b.tabIndex = -1;
    return b;
  };
  // The note's text, without ids (they belong to the original) or the back link.
  var noteBody = function (n, into) {
    var li = notes[n];
    var copy = li.cloneNode(true);
    var backs = copy.querySelectorAll(".backref, .note-num");
    for (var b = 0; b < backs.length; b++) backs[b].parentNode.removeChild(backs[b]);
    var withId = copy.querySelectorAll("[id]");
    for (var d = 0; d < withId.length; d++) withId[d].removeAttribute("id");
    while (copy.firstChild) into.appendChild(copy.firstChild);
    // Trailing spaces left where the back link was.
    var last = into.lastElementChild;
    if (last && last.lastChild && last.lastChild.nodeType === 3) last.lastChild.nodeValue = last.lastChild.nodeValue.replace(/\s+$/, "");
    var num = numberButton(n);
    var first = into.firstElementChild;
    if (first && first.tagName === "P") first.insertBefore(num, first.firstChild);
    else into.insertBefore(num, into.firstChild);
    return into;
  };
  for (var f = 0; f < noteItems.length; f++) {
    var fnId = noteItems[f].id.slice(3);
    notes[fnId] = noteItems[f];
  }
  for (var nb in notes) {
    if (Object.prototype.hasOwnProperty.call(notes, nb)) notes[nb].insertBefore(numberButton(nb, "end-note-num"), notes[nb].firstChild);
  }
  if (noteItems.length) noteItems[0].parentNode.classList.add("numbered-by-button");

  var refOf = function (node) {
    var a = node && node.closest ? node.closest("sup.fnref > a[href^='#fn-']") : null;
    return a && notes[a.getAttribute("href").slice(4)] ? a : null;
  };
  var noteOf = function (ref) { return ref.getAttribute("href").slice(4); };
  var refs = chapter ? chapter.querySelectorAll("sup.fnref > a[href^='#fn-']") : [];
  var wide = window.matchMedia ? window.matchMedia("screen and (min-width: 87.5rem)") : null;
  var isWide = function () { return !!(wide && wide.matches); };

  // How far (in rem) a sidenote may stand below the line citing it.
  var SIDENOTE_DRIFT_REM = 8;
  // Sidenotes: built once, shown by the stylesheet on wide screens only.
  var sidenotes = [];
  var sidenoteOf = {};
  if (chapter && refs.length) {
    for (var r = 0; r < refs.length; r++) {
      var n = noteOf(refs[r]);
      if (!notes[n] || sidenoteOf[n]) continue;
      var side = document.createElement("aside");
      side.className = "sidenote" + (notes[n].classList.contains("missing") ? " missing" : "");
      side.id = "sidenote-" + n;
      side.setAttribute("role", "note");
      side.setAttribute("aria-label", say("note_label", { n: n }));
      side.tabIndex = -1;
      noteBody(n, side);
      // In the reading order, after the block that holds the reference.
      var block = refs[r];
      while (block.parentNode && block.parentNode !== chapter) block = block.parentNode;
      var after = block;
      while (after.nextElementSibling && after.nextElementSibling.classList.contains("sidenote")) after = after.nextElementSibling;
      chapter.insertBefore(side, after.nextSibling);
      sidenotes.push({ note: side, ref: refs[r] });
      sidenoteOf[n] = side;
    }
    chapter.classList.add("has-sidenotes");
    // Where the notes also stand in the margin, the list at the end says why
    // it is there (shown on wide screens only, by the stylesheet).
    var lists = chapter.querySelectorAll(".footnotes > h2");
    for (var fl = 0; fl < lists.length; fl++) {
      var why = document.createElement("p");
      why.className = "notes-why";
      why.textContent = say("notes_why");
      lists[fl].parentNode.insertBefore(why, lists[fl].nextSibling);
    }
  }
  // Each sidenote beside the line that cites it, or below the note before
  // it when that one is still in the way. A note that would be pushed more
  // than a short way down (in a chapter dense with notes) would stand beside
  // other paragraphs than its own: it stands in the text instead, right
  // after the paragraph that cites it, as Tufte's layouts place such notes.
  var layoutQueued = false;
  var layoutSidenotes = function () {
    layoutQueued = false;
    if (!sidenotes.length || !isWide()) return;
    var i;
    for (i = 0; i < sidenotes.length; i++) sidenotes[i].note.classList.remove("sidenote-inline");
    var heights = [];
    for (i = 0; i < sidenotes.length; i++) heights.push(sidenotes[i].note.offsetHeight);
    var rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    var gap = rem * 0.6, drift = rem * SIDENOTE_DRIFT_REM;
    var floor = -Infinity;
    for (i = 0; i < sidenotes.length; i++) {
      // Measured now: a note put into the text above moves what follows.
      var origin = chapter.getBoundingClientRect().top;
      var line = Math.round(sidenotes[i].ref.parentNode.getBoundingClientRect().top - origin);
      var top = Math.max(line, floor);
      if (top - line > drift) {
        sidenotes[i].note.classList.add("sidenote-inline");
        sidenotes[i].note.style.top = "";
        continue;
      }
      sidenotes[i].note.style.top = top + "px";
      floor = top + heights[i] + gap;
    }
  };
  var queueLayout = function () {
    if (layoutQueued || !sidenotes.length) return;
    layoutQueued = true;
    (window.requestAnimationFrame || setTimeout)(layoutSidenotes);
  };
  if (sidenotes.length) {
    layoutSidenotes();
    window.addEventListener("resize", queueLayout);
    window.addEventListener("load", queueLayout);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(queueLayout);
    if (window.ResizeObserver) new ResizeObserver(queueLayout).observe(chapter);
    var imgs = chapter.querySelectorAll("img");
    for (var im = 0; im < imgs.length; im++) imgs[im].addEventListener("load", queueLayout);
  }

  // A reference and its sidenote light up together.
  var lit = [];
  var light = function (ref) {
    for (var l = 0; l < lit.length; l++) lit[l].classList.remove("note-lit");
    lit = [];
    if (!ref || !isWide()) return;
    var n = noteOf(ref);
    var all = chapter.querySelectorAll("sup.fnref > a[href='#fn-" + n + "']");
    for (var k = 0; k < all.length; k++) lit.push(all[k].parentNode);
    if (sidenoteOf[n]) lit.push(sidenoteOf[n]);
    for (var m = 0; m < lit.length; m++) lit[m].classList.add("note-lit");
  };
  document.addEventListener("mouseover", function (e) {
    var ref = refOf(e.target);
    var side = e.target.closest ? e.target.closest(".sidenote") : null;
    if (ref) light(ref);
    else if (side) light(chapter.querySelector("sup.fnref > a[href='#fn-" + side.id.slice(9) + "']"));
    else if (lit.length) light(null);
  });

  // The card shown on hover or focus (role tooltip), and the dialog opened by
  // a click, a tap or Enter.
  var peek = null, peekFor = null, peekTimer = null;
  var dialog = null, dialogFor = null;
  var noFocusPeek = false;
  var hidePeek = function () {
    clearTimeout(peekTimer);
    if (peek) peek.parentNode.removeChild(peek);
    if (peekFor) peekFor.removeAttribute("aria-describedby");
    peek = null;
    peekFor = null;
  };
  var showPeek = function (ref) {
    clearTimeout(peekTimer);
    if (peekFor === ref || dialogFor === ref) return;
    if (isWide()) {
      // The sidenote is enough, unless others have pushed it out of sight.
      var side = sidenoteOf[noteOf(ref)];
      var sr = side ? side.getBoundingClientRect() : null;
      var inView = sr && sr.top >= 0 && sr.bottom <= (window.innerHeight || document.documentElement.clientHeight) &&
        sr.left >= 0 && sr.right <= document.documentElement.clientWidth;
      if (!sr || inView) return;
    }
    hidePeek();
    peek = document.createElement("div");
    peek.className = "note-card note-peek";
    peek.id = "note-peek";
    peek.setAttribute("role", "tooltip");
    noteBody(noteOf(ref), peek);
    document.body.appendChild(peek);
    placeNear(peek, ref);
    ref.setAttribute("aria-describedby", "note-peek");
    peekFor = ref;
  };
  var closeDialog = function (returnFocus) {
    if (!dialog) return;
    var ref = dialogFor;
    dialog.parentNode.removeChild(dialog);
    dialog = null;
    dialogFor = null;
    ref.setAttribute("aria-expanded", "false");
    ref.removeAttribute("aria-controls");
    if (returnFocus) {
      noFocusPeek = true;
      ref.focus();
      noFocusPeek = false;
    }
  };
  var openDialog = function (ref) {
    hidePeek();
    hideCard();
    closeDialog(false);
    var n = noteOf(ref);
    dialog = document.createElement("div");
    dialog.className = "note-card note-dialog" + (notes[n].classList.contains("missing") ? " missing" : "");
    dialog.id = "note-dialog";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", say("note_label", { n: n }));
    dialog.setAttribute("aria-modal", "false");
    dialog.tabIndex = -1;
    noteBody(n, dialog);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "note-close";
    close.setAttribute("aria-label", say("note_close", { n: n }));
    close.textContent = "\u00d7";
    close.addEventListener("click", function () { closeDialog(true); });
    dialog.insertBefore(close, dialog.firstChild);
    var copyButton = dialog.querySelector("button.note-num");
    if (copyButton) copyButton.removeAttribute("tabindex");
    document.body.appendChild(dialog);
    placeNear(dialog, ref);
    dialogFor = ref;
    ref.setAttribute("aria-expanded", "true");
    ref.setAttribute("aria-controls", "note-dialog");
    dialog.focus();
  };
  var setRefState = function () {
    // Only a reference that opens something says whether it is open.
    for (var q = 0; q < refs.length; q++) {
      if (isWide()) refs[q].removeAttribute("aria-expanded");
      else if (refs[q] !== dialogFor) refs[q].setAttribute("aria-expanded", "false");
    }
  };
  setRefState();
  if (wide) {
    var onWidth = function () {
      hidePeek();
      closeDialog(false);
      light(null);
      setRefState();
      queueLayout();
    };
    if (wide.addEventListener) wide.addEventListener("change", onWidth);
    else if (wide.addListener) wide.addListener(onWidth);
  }
  var inNoteCard = function (node) {
    return !!((peek && peek.contains(node)) || (dialog && dialog.contains(node)) || (card && card.contains(node)));
  };
  document.addEventListener("mouseover", function (e) {
    var ref = refOf(e.target);
    if (ref && lastPointer !== "touch") showPeek(ref);
    else if (peek && peek.contains(e.target)) clearTimeout(peekTimer);
  });
  document.addEventListener("mouseout", function (e) {
    if (!peek) return;
    var from = refOf(e.target) || peek.contains(e.target);
    var to = e.relatedTarget;
    if (from && !(to && (refOf(to) === peekFor || peek.contains(to)))) {
      clearTimeout(peekTimer);
      peekTimer = setTimeout(hidePeek, 250);
    }
  });
  document.addEventListener("focusin", function (e) {
    var t = e.target;
    if (t === copyBuffer) return;
    var ref = refOf(t);
    if (ref && !noFocusPeek) showPeek(ref);
    else if (!ref && !(peek && peek.contains(t))) hidePeek();
    // A non-modal dialog: moving focus elsewhere closes it.
    if (dialog && !dialog.contains(t) && t !== dialogFor && !(card && card.contains(t))) closeDialog(false);
  });
  document.addEventListener("click", function (e) {
    var ref = refOf(e.target);
    if (ref) {
      if (!plainClick(e)) return;
      e.preventDefault();
      if (isWide()) {
        var side = sidenoteOf[noteOf(ref)];
        if (side) {
          light(ref);
          flash(side);
          side.focus();
        }
      } else if (dialogFor === ref) {
        closeDialog(true);
      } else {
        openDialog(ref);
      }
      return;
    }
    if (dialog && !inNoteCard(e.target)) {
      var interactive = e.target.closest && e.target.closest("a[href], button, input, select, textarea, summary, [tabindex]");
      closeDialog(!interactive);
    }
  });
  var focusables = function (within) {
    var all = within.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])");
    var out = [];
    for (var i = 0; i < all.length; i++) {
      if (!all[i].disabled && all[i].getClientRects().length) out.push(all[i]);
    }
    return out;
  };
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" || e.key === "Esc") {
      if (dialog) closeDialog(true);
      hidePeek();
      return;
    }
    // Tabbing out of the dialog closes it and goes on from the reference, as if
    // the note were written where it is cited.
    if (e.key !== "Tab" || !dialog || !dialog.contains(document.activeElement)) return;
    var inside = focusables(dialog);
    var ref = dialogFor;
    if (e.shiftKey && (document.activeElement === dialog || document.activeElement === inside[0])) {
      e.preventDefault();
      closeDialog(true);
    } else if (!e.shiftKey && (document.activeElement === inside[inside.length - 1] || !inside.length)) {
      var page = focusables(document.body), next = null;
      for (var i = 0; i < page.length && !next; i++) {
        if (!dialog.contains(page[i]) && (ref.compareDocumentPosition(page[i]) & 4)) next = page[i];
      }
      e.preventDefault();
      closeDialog(!next);
      if (next) next.focus();
    }
  });
  window.addEventListener("resize", function () {
    if (dialog && dialogFor) placeNear(dialog, dialogFor);
    if (peek && peekFor) placeNear(peek, peekFor);
  });

  // Left and right arrows move between chapters, as in mdBook.
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var rel = e.key === "ArrowLeft" ? "prev" : e.key === "ArrowRight" ? "next" : null;
    if (!rel) return;
    // A table or a code block that scrolls sideways: the arrows scroll it.
    for (var el = t; el && el !== document.body && el !== doc; el = el.parentElement) {
      var ox = getComputedStyle(el).overflowX;
      if ((ox === "auto" || ox === "scroll") && el.scrollWidth > el.clientWidth + 1) return;
    }
    var link = document.querySelector('.chapter-nav a[rel="' + rel + '"]');
    if (link) {
      e.preventDefault();
      window.location.href = link.href;
    }
  });
})();
