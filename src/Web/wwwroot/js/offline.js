// Bookpost: the desk's offline queue. Forms marked data-offline are sent with fetch and an Idempotency-Key; when the
// network is down the request is kept in localStorage (with the time it happened) and sent when it comes back, so a
// replay is answered once. Without JavaScript the same forms post normally.
(function () {
  'use strict';
  var KEY = 'bookpost-queue';
  var status = document.getElementById('offline-status');
  function load() { try { return JSON.parse(localStorage.getItem(KEY) || '[]'); } catch (e) { return []; } }
  function save(q) { localStorage.setItem(KEY, JSON.stringify(q)); }
  function say(text) { if (status) { status.textContent = text; status.hidden = !text; } }
  function show() {
    var n = load().length;
    if (!status) return;
    say(n ? status.dataset.pending.replace('{0}', n) : (navigator.onLine ? '' : status.dataset.offline));
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function send(entry) {
    return fetch(entry.url, {
      method: 'POST', credentials: 'same-origin', redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': entry.key },
      body: entry.body
    });
  }
  var flushing = false;
  async function flush() {
    if (flushing || !navigator.onLine) { show(); return; }
    flushing = true;
    var failed = [];
    try {
      for (var q = load(); q.length; q = load()) {
        var response;
        try { response = await send(q[0]); } catch (e) { break; }
        if (response.status >= 500) break;
        if (response.headers.get('X-Bookpost-Outcome') === 'error') failed.push(decodeURIComponent(response.headers.get('X-Bookpost-Message') || ''));
        q.shift(); save(q);
      }
    } finally { flushing = false; }
    show();
    if (failed.length && status) say(status.dataset.failed.replace('{0}', failed.join(' · ')));
    else if (!load().length && document.body.dataset.queueSent) location.reload();
  }
  document.addEventListener('submit', async function (ev) {
    var form = ev.target;
    if (!form.matches || !form.matches('form[data-offline]')) return;
    ev.preventDefault();
    form.querySelectorAll('input[data-from]').forEach(function (i) { var s = document.getElementById(i.dataset.from); if (s) i.value = s.value; });
    var data = new FormData(form);
    // The button pressed may carry a value (a reader chosen among the matches of a name), as a plain post would send it.
    if (ev.submitter && ev.submitter.name) data.set(ev.submitter.name, ev.submitter.value);
    data.set('OccurredAt', new Date().toISOString());
    var entry = { url: form.action || location.href, body: new URLSearchParams(data).toString(), key: newKey() };
    if (navigator.onLine) {
      try {
        var r = await send(entry);
        if (r.type === 'opaqueredirect' || (r.status >= 300 && r.status < 400)) { location.assign(location.href.split('#')[0]); return; }
        if (r.status < 500) { var html = await r.text(); document.open(); document.write(html); document.close(); return; }
      } catch (e) { /* the network dropped: keep it */ }
    }
    var q = load(); q.push(entry); save(q);
    document.body.dataset.queueSent = '1';
    show();
  });
  window.addEventListener('online', flush);
  window.addEventListener('offline', show);
  flush();
})();
