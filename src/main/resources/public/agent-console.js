// Agent console: refreshes the connected caller and the queues from the JSON API every few seconds.
// Text only (textContent), never HTML, so nothing a caller or contact typed can run here.
(function () {
  'use strict';
  var POLL_MS = 3000;
  var body = document.body;
  var queueUrl = body.getAttribute('data-queue-url');
  var currentUrl = body.getAttribute('data-current-url');

  function byId(id) { return document.getElementById(id); }
  function text(value) { return value === null || value === undefined ? '' : String(value); }

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        if (response.status === 401) { window.location.reload(); throw new Error('signed out'); }
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      });
  }

  function fillRows(tbody, rows, columns) {
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    rows.forEach(function (row) {
      var tr = document.createElement('tr');
      columns.forEach(function (column) {
        var td = document.createElement('td');
        td.textContent = text(row[column]);
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
  }

  function showCurrent(call) {
    byId('current-none').hidden = call.connected;
    byId('current-call').hidden = !call.connected;
    var status = byId('current-status');
    status.textContent = text(call.verificationText);
    status.className = 'status ' + (call.verified ? 'verified' : 'unverified');
    byId('current-contact').textContent = text(call.contactName);
    byId('current-account').textContent = text(call.accountNumber);
    byId('current-caller').textContent = text(call.caller);
  }

  function showQueue(queue) {
    fillRows(byId('waiting-rows'), queue.waiting,
      ['queue', 'verificationText', 'waitingText', 'contactName', 'accountNumber']);
    byId('waiting-none').hidden = queue.waiting.length > 0;
    fillRows(byId('callback-rows'), queue.callbacks, ['requestedAtText', 'caller', 'contactName', 'accountNumber']);
    byId('callbacks-none').hidden = queue.callbacks.length > 0;
  }

  function refresh() {
    Promise.all([getJson(currentUrl), getJson(queueUrl)])
      .then(function (results) {
        showCurrent(results[0]);
        showQueue(results[1]);
        byId('updated-at').textContent = new Date().toISOString().substring(11, 19) + ' UTC';
      })
      .catch(function () { /* keep the last view; the next poll tries again */ })
      .then(function () { window.setTimeout(refresh, POLL_MS); });
  }

  window.setTimeout(refresh, POLL_MS);
}());
