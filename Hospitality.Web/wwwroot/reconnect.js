// Reconnection for Blazor Server with blazor.web.js 9.0.x (served next to a .NET 10 server).
// Page: <script src="_framework/blazor.web.js" autostart="false"></script> followed by this file,
// and NO element with id="components-reconnect-modal" (remove the .NET 10 template's <ReconnectModal />).
// Behaviour: retry forever (1 s, then 2 s, then 5 s; at once when the page becomes visible or the browser goes online);
// same circuit if the server still has it; if the server answers but the circuit is gone, reload the page.
(() => {
  const log = (...a) => console.info('[reconnect]', new Date().toISOString().slice(11, 23), ...a);
  // Wait before attempt n (0-based). No immediate first attempt: during a graceful server shutdown an
  // immediate attempt can re-attach to the dying process and hold its shutdown for HostOptions.ShutdownTimeout.
  const delayFor = n => n < 10 ? 1000 : n < 40 ? 2000 : 5000;

  let active = false, wake = null, overlay = null;
  const show = text => {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'app-reconnect';
      overlay.style.cssText = 'position:fixed;inset:0;z-index:10000;background:rgba(0,0,0,.4);display:flex;align-items:center;justify-content:center';
      overlay.innerHTML = '<div id="app-reconnect-text" style="background:#fff;padding:1.5rem 2rem;border-radius:.5rem;font:16px sans-serif"></div>';
    }
    if (!overlay.isConnected) document.body.appendChild(overlay);
    overlay.querySelector('#app-reconnect-text').textContent = text;
    overlay.style.display = 'flex';
  };
  const hide = () => { if (overlay) overlay.style.display = 'none'; };
  const nudge = () => { if (wake && document.visibilityState === 'visible') wake(); };
  document.addEventListener('visibilitychange', nudge);
  window.addEventListener('online', nudge);
  const sleep = ms => new Promise(r => { const t = setTimeout(r, ms); wake = () => { clearTimeout(t); r(); }; }).finally(() => { wake = null; });

  async function loop() {
    for (let n = 0; active; n++) {
      await sleep(delayFor(n));
      if (!active) return;
      let ok;
      try {
        ok = await Blazor.reconnect();   // true: same circuit; false: server reached, circuit gone; throws: server unreachable
      } catch (e) {
        log('attempt', n + 1, 'failed:', e && e.message);
        continue;
      }
      if (ok) { log('reconnected to the same circuit'); return; }   // Blazor has already called onConnectionUp
      log('circuit rejected by server -> reloading');
      show('Session expired. Reloading…');
      location.reload();
      return;
    }
  }

  Blazor.start({
    circuit: {
      reconnectionHandler: {
        onConnectionDown(options, error) {
          log('connection down:', error && error.message);
          if (active) return;
          active = true;
          show('Connection lost. Reconnecting…');
          loop();
        },
        onConnectionUp() { log('connection up'); active = false; hide(); },
      },
    },
  });
})();
