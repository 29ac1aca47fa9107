// Type-to-filter for long point lists (the shared point picker, _PointSelect.cshtml). A text box above the select
// keeps only the points whose name, code or commune holds every word typed, without regard to case or diacritics
// (đ = d, and y = i in kỹ/kĩ as the server's search folds it). Options are taken out of the list and put back rather
// than hidden, because phones ignore hidden options. Without JavaScript the select is a plain, complete list.
(function () {
  'use strict';
  if (window.bookpostPointFilter) return;
  window.bookpostPointFilter = true;

  var onsets = /(^|[^a-z0-9])(b|c|ch|d|g|h|k|kh|l|m|n|ng|nh|p|ph|qu|r|s|t|th|tr|v|x)y(?![a-z0-9])/g;
  function fold(text) {
    return (text || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
      .replace(onsets, '$1$2i');
  }

  function enhance(select) {
    if (select.dataset.pointFilterReady) return;
    select.dataset.pointFilterReady = '1';
    var groups = Array.prototype.map.call(select.querySelectorAll('optgroup'), function (g) {
      return {
        element: g,
        label: fold(g.label),
        options: Array.prototype.map.call(g.querySelectorAll('option'), function (o) {
          return { element: o, text: fold(o.textContent) };
        })
      };
    });
    var box = document.createElement('input');
    box.type = 'search';
    box.className = 'form-control form-control-sm point-filter';
    box.placeholder = select.dataset.pointFilter;
    box.setAttribute('aria-label', select.dataset.pointFilter);
    box.setAttribute('aria-controls', select.id);
    box.autocomplete = 'off';
    var none = document.createElement('div');
    none.className = 'form-text point-filter-none';
    none.textContent = select.dataset.pointFilterNone;
    none.hidden = true;
    none.setAttribute('role', 'status');
    select.parentNode.insertBefore(box, select);
    select.parentNode.insertBefore(none, select.nextSibling);

    box.addEventListener('input', function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      groups.forEach(function (g) {
        var groupHit = words.length > 0 && words.every(function (w) { return g.label.indexOf(w) >= 0; });
        var any = false;
        g.options.forEach(function (o) {
          var keep = o.element.selected || groupHit || words.every(function (w) {
            return o.text.indexOf(w) >= 0 || g.label.indexOf(w) >= 0;
          });
          if (keep && o.element.parentNode !== g.element) g.element.appendChild(o.element);
          if (!keep && o.element.parentNode === g.element) g.element.removeChild(o.element);
          if (keep) { any = true; shown++; }
        });
        if (any && g.element.parentNode !== select) select.appendChild(g.element);
        if (!any && g.element.parentNode === select) select.removeChild(g.element);
      });
      // Re-added groups and options keep their first order.
      groups.forEach(function (g) {
        if (g.element.parentNode !== select) return;
        select.appendChild(g.element);
        g.options.forEach(function (o) { if (o.element.parentNode === g.element) g.element.appendChild(o.element); });
      });
      none.hidden = shown > 0 || words.length === 0;
    });
  }

  function run() {
    Array.prototype.forEach.call(document.querySelectorAll('select[data-point-filter]'), enhance);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run); else run();
})();
