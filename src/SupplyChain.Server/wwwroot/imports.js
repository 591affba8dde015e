// /imports/{id}: moves the progress bar by polling the job's small JSON answer; reloads the page once the job has
// ended, to show its summary. (Without JavaScript the page refreshes itself through a <noscript> meta refresh.)
(function () {
  var bar = document.getElementById('job-progress');
  if (!bar || bar.getAttribute('data-finished') === 'true') return;
  var rows = document.getElementById('job-rows'), state = document.getElementById('job-state');
  function poll() {
    fetch(bar.getAttribute('data-poll'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (p) {
          bar.value = p.percent;
          bar.textContent = p.percent + ' %';
          rows.textContent = p.percent + ' % (' + p.rowsRead + ' of ' + p.rowsTotal + ' rows)';
          state.textContent = p.state;
          if (p.finished) { location.reload(); return; }
        }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 500);
})();
