// OpenMBAM portals: progressive enhancements only (the pages work without JavaScript).
// Loaded from /static/app.js: the Content-Security-Policy forbids inline scripts.
/* global document, window, navigator, setTimeout, setInterval, clearInterval, fetch */
(function () {
  'use strict';

  // Copy buttons: <button data-copy="element-id" hidden> next to a value shown once.
  function setupCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll('button[data-copy]').forEach(function (button) {
      var target = document.getElementById(button.getAttribute('data-copy'));
      if (!target) return;
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(target.textContent.trim()).then(
          function () {
            button.textContent = 'Copied';
            setTimeout(function () {
              button.textContent = label;
            }, 2000);
          },
          function () {
            button.textContent = 'Select and copy by hand';
          },
        );
      });
    });
  }

  // Idle timeout: warn before the server ends the session, offer to stay, and leave when it ends.
  function setupIdleWarning() {
    var body = document.body;
    var timeout = Number(body.getAttribute('data-idle-timeout'));
    var warning = Number(body.getAttribute('data-idle-warning'));
    var dialog = document.getElementById('idle-warning');
    if (!timeout || !dialog) return;
    var seconds = document.getElementById('idle-seconds');
    var stay = document.getElementById('idle-stay');
    var csrf = document.querySelector('meta[name="csrf-token"]');
    var deadline = 0;
    var timer = 0;

    function restart() {
      deadline = Date.now() + timeout * 1000;
      dialog.hidden = true;
      clearInterval(timer);
      timer = setInterval(tick, 1000);
    }
    function tick() {
      var left = Math.round((deadline - Date.now()) / 1000);
      if (left <= 0) {
        clearInterval(timer);
        window.location.assign('/signin?reason=idle');
        return;
      }
      if (left <= warning) {
        if (dialog.hidden) {
          dialog.hidden = false;
          stay.focus();
        }
        seconds.textContent = String(left);
      }
    }
    stay.addEventListener('click', function () {
      fetch('/session/keepalive', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'x-csrf-token': csrf ? csrf.getAttribute('content') : '' },
      }).then(function (response) {
        if (response.ok) restart();
        else window.location.assign('/signin?reason=idle');
      });
    });
    restart();
  }

  // Key ID fields: insert "-" after each group of 8 hex digits as the person types (MBAM 2.5 SP1 HF02).
  function setupKeyIdFields() {
    document.querySelectorAll('input[data-key-id]').forEach(function (input) {
      input.addEventListener('input', function () {
        var raw = input.value
          .replace(/[^0-9a-fA-F]/g, '')
          .toUpperCase()
          .slice(0, 32);
        var parts = [raw.slice(0, 8), raw.slice(8, 12), raw.slice(12, 16), raw.slice(16, 20), raw.slice(20)];
        var joined = parts.filter(Boolean).join('-');
        if (joined !== input.value) input.value = joined;
      });
    });
  }

  function start() {
    setupCopyButtons();
    setupIdleWarning();
    setupKeyIdFields();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
