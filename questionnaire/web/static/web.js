/* The web intake's only script, an addition: every page works without it.
   - A code in the address after '#' (the QR code's link) is put in the code field and taken
     out of the address (the server never sees it; the browser's history keeps no code).
   - On a visit, after a few minutes without input "Ben je er nog?" opens; without an answer the
     screen is emptied and cleared (the answers are kept in the practice, not on the screen).
     While the client is busy on one page, the server hears so at most once a minute. */
(function () {
  "use strict";

  var code = document.getElementById("code");
  var found = /^#([A-Za-z0-9 -]{8,12})$/.exec(window.location.hash);
  if (code && found) {
    code.value = found[1];
    window.history.replaceState(null, "", window.location.pathname);
  }

  var body = document.body;
  var dialog = document.getElementById("idle");
  var warn = Number(body.getAttribute("data-idle-warn")) * 1000;
  var grace = Number(body.getAttribute("data-idle-grace")) * 1000;
  if (!dialog || !warn || typeof dialog.showModal !== "function") {
    return;
  }
  var clearForm = document.getElementById("idle-clear");
  var pingForm = document.getElementById("idle-ping");
  var lastInput = Date.now();
  var lastPing = Date.now();

  function ping() {
    lastPing = Date.now();
    window.fetch(pingForm.action, {method: "POST", body: new FormData(pingForm), credentials: "same-origin"})
      .then(function (response) {
        if (response.redirected) {
          window.location.assign(response.url);
        }
      })
      .catch(function () {});
  }

  function clearScreen() {
    var main = document.getElementById("main");
    if (main) {
      main.replaceChildren();
    }
    clearForm.submit();
  }

  function check() {
    var idle = Date.now() - lastInput;
    if (idle >= warn + grace) {
      clearScreen();
    } else if (idle >= warn && !dialog.open) {
      dialog.showModal();
      document.getElementById("idle-stay").focus();
    }
  }

  function input() {
    if (dialog.open) {
      return;
    }
    lastInput = Date.now();
    if (lastInput - lastPing > 60000) {
      ping();
    }
  }

  document.getElementById("idle-stay").addEventListener("click", function () {
    dialog.close();
  });
  dialog.addEventListener("close", function () {  /* the button, or Escape: still there */
    lastInput = Date.now();
    ping();
  });
  ["keydown", "pointerdown", "input", "scroll"].forEach(function (name) {
    document.addEventListener(name, input, {passive: true, capture: true});
  });
  document.addEventListener("visibilitychange", check);
  window.setInterval(check, 1000);
})();
