// glossator's default script. Everything it does is an enhancement: every page
// reads, and every link works, without it.
(function () {
  "use strict";
  var doc = document.documentElement;
  doc.classList.add("js");
  var root = doc.getAttribute("data-root") || "";
  var article = document.querySelector("[data-path]");
  var here = article ? article.getAttribute("data-path") : "toc.html";

  // The sidebar: the contents come from toc.js, written once for the whole edition.
  var holder = document.getElementById("sidebar-toc");
  if (holder && typeof window.glossatorToc === "string") {
    holder.innerHTML = window.glossatorToc;
    var links = holder.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var target = links[i].getAttribute("href");
      links[i].setAttribute("href", root + target);
      if (target === here) {
        links[i].setAttribute("aria-current", "page");
        var panel = document.getElementById("sidebar");
        if (panel) panel.scrollTop = Math.max(0, links[i].offsetTop - panel.clientHeight / 2);
      }
    }
  }

  var sidebar = document.getElementById("sidebar");
  var toggle = document.getElementById("sidebar-toggle");
  if (sidebar && toggle) {
    toggle.hidden = false;
    var setOpen = function (open) {
      sidebar.classList.toggle("open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    };
    toggle.addEventListener("click", function () {
      setOpen(!sidebar.classList.contains("open"));
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && sidebar.classList.contains("open")) {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Light and dark: follows the system until the reader chooses.
  var themeButton = document.getElementById("theme-toggle");
  if (themeButton) {
    themeButton.hidden = false;
    var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    var isDark = function () {
      var chosen = doc.dataset.theme;
      return chosen ? chosen === "dark" : !!(media && media.matches);
    };
    var show = function () {
      themeButton.setAttribute("aria-pressed", isDark() ? "true" : "false");
    };
    themeButton.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      doc.dataset.theme = next;
      try { localStorage.setItem("glossator-theme", next); } catch (e) { /* file:// may forbid storage */ }
      show();
    });
    show();
  }

  // Citations: hovering or focusing one shows the cited unit's text in a card;
  // on a touch screen the first tap shows the card, the second follows the link.
  var previews = {};
  var store = document.querySelectorAll(".unit-preview[data-unit]");
  for (var p = 0; p < store.length; p++) previews[store[p].getAttribute("data-unit")] = store[p];
  var card = null;
  var cardFor = null;
  var hideCard = function () {
    if (card) card.remove();
    if (cardFor) cardFor.removeAttribute("aria-describedby");
    card = null;
    cardFor = null;
  };
  var showCard = function (link) {
    var source = previews[link.getAttribute("data-unit")];
    if (!source || cardFor === link) return;
    hideCard();
    card = document.createElement("div");
    card.className = "preview-card";
    card.id = "preview-card";
    card.setAttribute("role", "tooltip");
    for (var c = 0; c < source.childNodes.length; c++) card.appendChild(source.childNodes[c].cloneNode(true));
    document.body.appendChild(card);
    var box = link.getBoundingClientRect();
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 8));
    card.style.left = left + "px";
    card.style.top = box.bottom + window.scrollY + 6 + "px";
    link.setAttribute("aria-describedby", "preview-card");
    cardFor = link;
  };
  var citeOf = function (node) {
    return node && node.closest ? node.closest("a.cite[data-unit]") : null;
  };
  var lastPointer = "mouse";
  document.addEventListener("pointerdown", function (e) { lastPointer = e.pointerType; }, true);
  document.addEventListener("mouseover", function (e) {
    var a = citeOf(e.target);
    if (a && lastPointer !== "touch") showCard(a);
  });
  document.addEventListener("mouseout", function (e) {
    var a = citeOf(e.target);
    if (a && !(e.relatedTarget && card && card.contains(e.relatedTarget))) hideCard();
  });
  document.addEventListener("focusin", function (e) { var a = citeOf(e.target); if (a) showCard(a); else if (!(card && card.contains(e.target))) hideCard(); });
  document.addEventListener("click", function (e) {
    var a = citeOf(e.target);
    if (a && lastPointer === "touch" && cardFor !== a) {
      e.preventDefault();
      showCard(a);
    } else if (!a && card && !card.contains(e.target)) {
      hideCard();
    }
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideCard(); });

  // Left and right arrows move between chapters, as in mdBook.
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var rel = e.key === "ArrowLeft" ? "prev" : e.key === "ArrowRight" ? "next" : null;
    if (!rel) return;
    var link = document.querySelector('.chapter-nav a[rel="' + rel + '"]');
    if (link) {
      e.preventDefault();
      window.location.href = link.href;
    }
  });
})();
