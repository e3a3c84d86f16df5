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
        if (links[i].scrollIntoView && window.innerWidth > 896) {
          links[i].scrollIntoView({ block: "center" });
        }
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
