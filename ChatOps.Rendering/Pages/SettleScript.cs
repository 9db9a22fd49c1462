namespace ChatOps.Rendering.Pages;

/// <summary>
/// The page-side half of "has it really drawn?". Installed before the page's own scripts, it notes the last
/// time anything changed (a DOM mutation, a canvas whose pixels differ, a fetch or XHR starting or ending) and
/// which one-shot timers are still due, since a dashboard typically draws from a timer or a request callback.
/// On Grafana pages, Grafana's own signals count too, read the way grafana-image-renderer reads them: a Scenes
/// dashboard (window.__grafanaSceneContext) is drawn once no query runs (window.__grafanaRunningQueryCount),
/// after a first query has been seen (the count above 0, or a request to /api/ds/query) or 3 s without one
/// (the renderer's first-query timeout, counted here from the document's start); an
/// older Grafana (window.grafanaBootData) once window.panelsRendered reaches the number of panels (.panel-solo,
/// else [class$='panel-container']); a report page may also send REPORT_RENDER_COMPLETE to the renderer's channel.
/// Written here because no package does this.
/// </summary>
internal static class SettleScript
{
    public const string Install = """
        (() => {
          if (window.__chatops) return;
          const s = { changed: performance.now(), installed: performance.now(), timers: new Map(), requests: 0, grafanaDone: false, sawQueries: false, canvases: '' };
          window.__chatops = s;
          const touch = () => { s.changed = performance.now(); };
          // A Scenes query seen starting: its data request (a query shorter than a polling interval counts too).
          // Not an accessor on __grafanaRunningQueryCount: Grafana checks for one and would leave its count to it.
          const query = (url) => { if (window.__grafanaSceneContext && String(url).includes('/api/ds/query')) s.sawQueries = true; };
          const watch = () => new MutationObserver(touch).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          watch();
          const setT = window.setTimeout.bind(window), clearT = window.clearTimeout.bind(window), every = window.setInterval.bind(window);
          window.setTimeout = function (fn, ms, ...rest) {
            if (typeof fn !== 'function') return setT(fn, ms, ...rest);
            const id = setT(function () { s.timers.delete(id); return fn.apply(this, arguments); }, ms, ...rest);
            s.timers.set(id, performance.now() + (Number(ms) || 0));
            return id;
          };
          window.clearTimeout = function (id) { s.timers.delete(id); return clearT(id); };
          const done = () => { s.requests--; touch(); };
          if (window.fetch) {
            const f = window.fetch;
            window.fetch = function (input) {
              s.requests++; touch(); query(input && input.url ? input.url : input);
              return f.apply(this, arguments).finally(done);
            };
          }
          const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
          XMLHttpRequest.prototype.open = function (method, url) { this.__chatopsUrl = url; return open.apply(this, arguments); };
          XMLHttpRequest.prototype.send = function () {
            s.requests++; touch(); query(this.__chatopsUrl);
            this.addEventListener('loadend', done, { once: true });
            return send.apply(this, arguments);
          };
          window.__grafanaImageRendererMessageChannel = (message) => {
            try { if (JSON.parse(message).type === 'REPORT_RENDER_COMPLETE') s.grafanaDone = true; } catch (e) { }
          };
          const probe = document.createElement('canvas');
          probe.width = 24; probe.height = 12;
          every(() => {
            let sig = '';
            for (const c of Array.from(document.querySelectorAll('canvas')).slice(0, 12)) {
              sig += c.width + 'x' + c.height + ':';
              try {
                const g = probe.getContext('2d', { willReadFrequently: true });
                g.clearRect(0, 0, 24, 12);
                g.drawImage(c, 0, 0, 24, 12);
                const d = g.getImageData(0, 0, 24, 12).data;
                let h = 0;
                for (let i = 0; i < d.length; i++) h = (h * 31 + d[i]) | 0;
                sig += h + ';';
              } catch (e) { sig += 'tainted;'; }
            }
            if (sig !== s.canvases) { s.canvases = sig; touch(); }
          }, 150);
        })();
        """;

    /// <summary>True once nothing is in flight or due within <c>horizon</c> ms and nothing changed for <c>quiet</c> ms.</summary>
    public const string Settled = """
        (quiet, horizon, grafana) => {
          const s = window.__chatops;
          if (!s) return true;
          const now = performance.now();
          const scenes = !!window.__grafanaSceneContext;
          const legacy = !scenes && !!window.grafanaBootData;
          const panels = legacy ? (document.querySelectorAll('.panel-solo').length || document.querySelectorAll("[class$='panel-container']").length) : 0;
          const running = scenes && window.__grafanaRunningQueryCount > 0;
          if (running) s.sawQueries = true;
          // Like Grafana's image renderer, give a scene 3 s (here from the document's start) for a first query.
          const sceneDrawn = scenes && !running && (s.sawQueries || now - s.installed >= 3000);
          // Said "drawn" (then its own long-lived timers, such as auto-refresh, do not hold the capture back)...
          const grafanaDrawn = s.grafanaDone || sceneDrawn || (panels > 0 && window.panelsRendered >= panels);
          // ...or still drawing. A page with neither a scene nor Grafana's panels gives no signal: the rest decides.
          if (grafana && (scenes || panels > 0) && !grafanaDrawn) return false;
          const timerDue = !(grafana && grafanaDrawn) && Array.from(s.timers.values()).some(due => due <= now + horizon);
          return s.requests <= 0 && !timerDue && now - s.changed >= quiet;
        }
        """;

    /// <summary>True once something changed after <c>since</c> (a page still blank is given until the deadline).</summary>
    public const string ChangedSince = "(since) => !window.__chatops || window.__chatops.changed > since";

    public const string LastChange = "window.__chatops ? window.__chatops.changed : 0";

    /// <summary>Grafana's front end boots from this object on every page it serves, old and Scenes alike.</summary>
    public const string IsGrafana = "!!window.grafanaBootData";
}
