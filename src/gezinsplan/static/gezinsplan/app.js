/*
 * Gezinsplan: the little JavaScript the server-rendered pages use. Loaded with `defer` after htmx.
 * CSP: script-src 'self' and style-src 'self', so no eval, no inline styles, no inline handlers.
 * Everything works without JavaScript; this only adds confirmation and htmx hardening.
 */
(function () {
  "use strict";

  // --- htmx configuration -------------------------------------------------------------------------
  // Deferred scripts run before DOMContentLoaded, when htmx reads its config, so this takes effect.
  // base.html carries the same values in <meta name="htmx-config">.
  if (window.htmx) {
    var config = window.htmx.config;
    config.includeIndicatorStyles = false; // htmx would inject an inline <style>; theme.css has it
    config.allowEval = false;              // CSP forbids eval anyway: fail loudly, not silently
    config.allowScriptTags = false;        // never run <script> from swapped HTML
    config.selfRequestsOnly = true;
    config.historyCacheSize = 0;           // no page snapshots (personal data) in localStorage
    config.refreshOnHistoryMiss = true;    // back button reloads from the server instead
  }

  // --- Confirmation for destructive actions --------------------------------------------------------
  // <form data-confirm="Weet u zeker dat u dit wilt verwijderen?"> or the same on a submit button.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement)) {
        return;
      }
      var submitter = event.submitter;
      var message =
        (submitter && submitter.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
      if (message && !window.confirm(message)) {
        event.preventDefault();
        event.stopImmediatePropagation(); // also stops htmx from sending an hx-post form
      }
    },
    true
  );

  // --- Print buttons: <button type="button" data-print>Afdrukken</button> --------------------------
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (target) {
      event.preventDefault();
      window.print();
    }
  });

  // --- htmx errors: tell the user instead of silently doing nothing --------------------------------
  // The texts come translated from base.html (data-msg-* on the live region); the Dutch ones are fallbacks.
  function message(key, fallback) {
    var region = document.getElementById("gp-live-region");
    return (region && region.getAttribute("data-msg-" + key)) || fallback;
  }

  function announce(text) {
    var region = document.getElementById("gp-live-region");
    if (region) {
      region.textContent = text;
    }
  }

  document.addEventListener("htmx:beforeRequest", function () {
    announce("");
  });

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail && event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 403) {
      announce(message("forbidden", "U heeft geen toegang tot deze gegevens."));
    } else if (status === 404) {
      announce(message("not-found", "Niet gevonden. Ververs de pagina en probeer het opnieuw."));
    } else {
      announce(message("error", "Er ging iets mis. Ververs de pagina en probeer het opnieuw."));
    }
  });

  // --- "Op deze pagina": links to the page's sections (every <h2 id> in <main>) on long pages -----------
  // The server renders an empty, hidden <nav data-toc>; without JavaScript the page simply has no list.
  document.addEventListener("DOMContentLoaded", function () {
    var toc = document.querySelector("[data-toc]");
    if (!toc) {
      return;
    }
    var list = toc.querySelector("ul");
    var headings = document.querySelectorAll("main h2[id]");
    if (headings.length < 3) {
      return;
    }
    headings.forEach(function (heading) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "utrecht-link";
      link.href = "#" + heading.id;
      link.textContent = heading.textContent.trim();
      item.appendChild(link);
      list.appendChild(item);
    });
    toc.hidden = false;
  });

  document.addEventListener("htmx:sendError", function () {
    announce(message("offline", "Geen verbinding met de server. Controleer uw netwerk en probeer het opnieuw."));
  });
})();
