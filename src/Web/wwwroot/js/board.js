// The live board counts minutes without reloading: each running session shows its elapsed time and, past its
// limit, the warning. The server's clock is the reference, so a phone with a wrong clock still counts right.
(function () {
  var board = document.getElementById('board');
  if (!board) return;
  var skew = Date.parse(board.dataset.now) - Date.now();
  function tick() {
    var now = Date.now() + skew;
    board.querySelectorAll('[data-started]').forEach(function (el) {
      var minutes = Math.max(0, Math.floor((now - Date.parse(el.dataset.started)) / 60000));
      el.querySelector('.elapsed').textContent = minutes;
      var limit = parseInt(el.dataset.limit, 10);
      var over = !isNaN(limit) && minutes >= limit;
      el.querySelector('.over-limit').hidden = !over;
      el.closest('.card').classList.toggle('border-danger', over);
    });
  }
  setInterval(tick, 30000);
})();
