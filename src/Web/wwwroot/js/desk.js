// Bookpost: the desk's card box finds a reader by name. As a name is typed (without diacritics, "nguyen thi lan"), the
// point's readers whose name holds every word are offered from /api/v1/circulation/readers; choosing one puts the
// reader's card number in the box, so the lend form posts a card as if it had been scanned (and the offline queue keeps
// working). A scanner typing a card number fast, or a page with no network, simply gets no suggestions.
(function () {
  'use strict';
  var box = document.getElementById('ReaderCard');
  var list = document.getElementById('reader-suggestions');
  var chosen = document.getElementById('reader-chosen');
  if (!box || !list || !window.fetch) return;
  var timer = null, asked = '', controller = null;

  function looksLikeName(text) {
    // Card numbers are upper-case letters, digits and hyphens as printed; a name has a small letter or a space.
    return text.length >= 2 && /[a-zà-ỹđ ]/.test(text);
  }

  function close() { list.hidden = true; list.textContent = ''; }

  function line(r) {
    var parts = [r.cardNumber];
    if (r.village) parts.push(r.village);
    if (r.birthYear) parts.push(box.dataset.born.replace('{0}', r.birthYear));
    if (r.openLoans > 0) parts.push(box.dataset.openLoans.replace('{0}', r.openLoans));
    return parts.join(' · ');
  }

  function choose(r) {
    box.value = r.cardNumber;
    close();
    if (chosen) { chosen.textContent = r.fullName + ' · ' + line(r); chosen.hidden = false; }
    var next = document.getElementById('LendBarcodes');
    if (next) next.focus();
  }

  function show(readers) {
    list.textContent = '';
    readers.filter(function (r) { return !r.erasedAt; }).forEach(function (r) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'list-group-item list-group-item-action reader-match';
      b.setAttribute('aria-label', box.dataset.choose.replace('{0}', r.fullName));
      var name = document.createElement('strong');
      name.textContent = r.fullName;
      var rest = document.createElement('small');
      rest.className = 'd-block text-muted';
      rest.textContent = line(r);
      b.appendChild(name);
      b.appendChild(rest);
      b.addEventListener('click', function () { choose(r); });
      list.appendChild(b);
    });
    list.hidden = list.childElementCount === 0;
  }

  async function ask(text) {
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    var url = '/api/v1/circulation/readers?pageSize=8&q=' + encodeURIComponent(text)
      + (box.dataset.point ? '&point=' + box.dataset.point : '');
    try {
      var r = await fetch(url, {
        credentials: 'same-origin', headers: { Accept: 'application/json' }, signal: controller ? controller.signal : undefined
      });
      if (!r.ok) { close(); return; }
      var page = await r.json();
      if (box.value.trim() === text) show(page.items || []);
    } catch (e) { /* offline or replaced by a newer question: the form still works by card or by the server's list */ }
  }

  box.addEventListener('input', function () {
    if (chosen) chosen.hidden = true;
    var text = box.value.trim();
    clearTimeout(timer);
    if (!looksLikeName(text)) { asked = ''; close(); return; }
    timer = setTimeout(function () { if (text !== asked) { asked = text; ask(text); } }, 250);
  });
  box.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown' && !list.hidden && list.firstElementChild) { ev.preventDefault(); list.firstElementChild.focus(); }
    if (ev.key === 'Escape') close();
  });
  list.addEventListener('keydown', function (ev) {
    var at = document.activeElement;
    if (ev.key === 'ArrowDown' && at.nextElementSibling) { ev.preventDefault(); at.nextElementSibling.focus(); }
    if (ev.key === 'ArrowUp') { ev.preventDefault(); (at.previousElementSibling || box).focus(); }
    if (ev.key === 'Escape') { close(); box.focus(); }
  });
})();
