// glossator serve: keeps the page in step with the edition being edited.
// Reloads (keeping the scroll position) when this page changed, swaps a
// changed stylesheet in place, and shows build errors over the page.
(function () {
  "use strict";
  var here = decodeURIComponent(location.pathname.replace(/^\/+/, "")) || "index.html";
  if (/\/$/.test(here)) here += "index.html";
  var version = window.glossatorServeVersion || 0;
  var key = "glossator-scroll:" + here;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) {
      sessionStorage.removeItem(key);
      window.addEventListener("load", function () { window.scrollTo(0, parseInt(saved, 10) || 0); });
    }
  } catch (e) { /* storage may be unavailable */ }

  function reload() {
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) { /* ignore */ }
    location.reload();
  }

  function swapStyles(paths) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].getAttribute("href"), location.href);
      var path = decodeURIComponent(url.pathname.replace(/^\/+/, ""));
      if (paths.indexOf(path) >= 0) {
        url.searchParams.set("v", String(Date.now()));
        links[i].setAttribute("href", url.pathname + url.search);
      }
    }
  }

  var overlay = null;
  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "glossator-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
        "background:#2b0b0b;color:#ffe9e9;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;padding:1rem 1.25rem;" +
        "border-bottom:3px solid #ff6b6b;box-shadow:0 4px 16px rgba(0,0,0,.4)";
      var title = document.createElement("p");
      title.style.cssText = "margin:0 0 .5rem;font-weight:700;font-family:system-ui,sans-serif";
      title.textContent = "The build failed. The page shows the last good build; fix the problem and save.";
      var pre = document.createElement("pre");
      pre.style.cssText = "margin:0;padding:0;white-space:pre-wrap;background:none;color:inherit;font:inherit;border:0";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Hide";
      // Floated, so that the message flows around it on a narrow screen.
      close.style.cssText = "float:right;margin:0 0 .5rem .75rem;font:14px system-ui,sans-serif;min-height:2rem;padding:.2rem .8rem";
      close.addEventListener("click", function () { overlay.hidden = true; });
      overlay.appendChild(close);
      overlay.appendChild(title);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.hidden = false;
    overlay.querySelector("pre").textContent = text;
  }
  function clearError() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  var delay = 250;
  function connect() {
    var source = new EventSource("/__glossator/events");
    source.addEventListener("hello", function (e) {
      delay = 250;
      var data = JSON.parse(e.data);
      if (data.version > version) return reload();
      if (data.error) showError(data.error); else clearError();
    });
    source.addEventListener("changed", function (e) {
      var data = JSON.parse(e.data);
      var paths = data.paths;
      clearError();
      if (paths.indexOf("*") >= 0 || paths.indexOf(here) >= 0 || paths.indexOf("toc.js") >= 0) return reload();
      var scripts = paths.filter(function (p) { return /\.js$/.test(p); });
      if (scripts.length) return reload();
      swapStyles(paths.filter(function (p) { return /\.css$/.test(p); }));
      version = data.version;
    });
    source.addEventListener("failed", function (e) {
      showError(JSON.parse(e.data).error);
    });
    source.onerror = function () {
      source.close();
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    };
  }
  connect();
})();
