// Bookpost: receiving a parcel at the point. As codes go into the box (a hand scanner types each code and Enter, or a
// person types them, or the phone's camera reads them), each copy of the shipment's list is ticked off, codes that are
// not in the shipment are listed in red at once, and the count "đã quét 28/33" follows. Nothing is sent until the
// operator confirms: the form posts the box as it would without this script, and the server decides the discrepancies.
(function () {
  'use strict';
  var box = document.getElementById('Barcodes');
  var damagedBox = document.getElementById('Damaged');
  var table = document.getElementById('shipment-items');
  var count = document.getElementById('receive-count');
  if (!box || !table || !count) return;
  var extrasBox = document.getElementById('receive-extras');
  var extrasList = document.getElementById('receive-extras-list');
  var rows = {};
  table.querySelectorAll('tr[data-barcode]').forEach(function (row) {
    var cell = row.querySelector('.outcome');
    rows[row.dataset.barcode.toUpperCase()] = { row: row, cell: cell, text: cell ? cell.textContent : '' };
  });
  var total = Object.keys(rows).length;

  // The server's rule (Barcodes.Clean): split on new lines, commas, semicolons and spaces, trim, upper-case, once each.
  // The line still being typed counts only when it is already a code of the shipment, so a half-typed code does not
  // flash in red; it is judged when Enter ends it or the box is left.
  function codes(text, settled) {
    var parts = text.split(/[\n\r,; \t]+/);
    var last = /[\n\r,; \t]$/.test(text) || settled ? null : parts.pop();
    var seen = [];
    parts.forEach(function (p) { p = p.trim().toUpperCase(); if (p && seen.indexOf(p) < 0) seen.push(p); });
    if (last) { last = last.trim().toUpperCase(); if (rows[last] && seen.indexOf(last) < 0) seen.push(last); }
    return seen;
  }

  function update(settled) {
    var scanned = codes(box.value, settled);
    var damaged = damagedBox ? codes(damagedBox.value, settled) : [];
    var ticked = 0;
    Object.keys(rows).forEach(function (code) {
      var r = rows[code];
      var isDamaged = damaged.indexOf(code) >= 0;
      var isScanned = isDamaged || scanned.indexOf(code) >= 0;
      if (isScanned) ticked++;
      r.row.classList.toggle('scan-ok', isScanned && !isDamaged);
      r.row.classList.toggle('scan-damaged', isDamaged);
      if (r.cell) r.cell.textContent = isDamaged ? table.dataset.damaged : isScanned ? '✓ ' + table.dataset.scanned : r.text;
    });
    var extras = scanned.concat(damaged.filter(function (d) { return scanned.indexOf(d) < 0; }))
      .filter(function (c) { return !rows[c]; });
    extrasList.textContent = '';
    extras.forEach(function (c) { var li = document.createElement('li'); li.textContent = c; extrasList.appendChild(li); });
    extrasBox.hidden = extras.length === 0;
    var text = count.dataset.template.replace('{0}', ticked).replace('{1}', total);
    if (extras.length) text += ' · ' + count.dataset.extras.replace('{0}', extras.length);
    count.textContent = text;
    count.hidden = false;
    count.classList.toggle('scan-complete', ticked === total && extras.length === 0);
  }

  box.addEventListener('input', function () { update(false); });
  box.addEventListener('change', function () { update(true); });
  if (damagedBox) {
    damagedBox.addEventListener('input', function () { update(false); });
    damagedBox.addEventListener('change', function () { update(true); });
  }
  update(true);

  // Camera scanning where the browser can read barcodes itself (Chrome on Android): the codes go into the same box.
  var button = document.getElementById('camera-scan');
  var video = document.getElementById('camera-view');
  var error = document.getElementById('camera-error');
  if (!button || !video || !('BarcodeDetector' in window) || !navigator.mediaDevices) return;
  button.hidden = false;
  var stream = null, timer = null;

  function add(code) {
    code = String(code || '').trim().toUpperCase();
    if (!code || codes(box.value, true).indexOf(code) >= 0) return; // a code read twice counts once
    if (box.value && !/[\n\r]$/.test(box.value)) box.value += '\n';
    box.value += code + '\n';
    if (navigator.vibrate) navigator.vibrate(60);
    update(true);
  }

  function stop() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    video.hidden = true;
    button.textContent = button.dataset.start;
  }

  function fail() {
    stop();
    error.textContent = error.dataset.failed;
    error.hidden = false;
  }

  async function start() {
    error.hidden = true;
    try {
      var supported = await window.BarcodeDetector.getSupportedFormats();
      var formats = ['code_128', 'ean_13'].filter(function (f) { return supported.indexOf(f) >= 0; });
      if (!formats.length) { fail(); return; }
      var detector = new window.BarcodeDetector({ formats: formats });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      video.srcObject = stream;
      video.hidden = false;
      button.textContent = button.dataset.stop;
      await video.play();
      var look = async function () {
        if (!stream) return;
        try { (await detector.detect(video)).forEach(function (b) { add(b.rawValue); }); } catch (e) { /* a frame not ready */ }
        timer = setTimeout(look, 250);
      };
      look();
    } catch (e) { fail(); }
  }

  button.addEventListener('click', function () { if (stream) stop(); else start(); });
  window.addEventListener('pagehide', stop);
})();
