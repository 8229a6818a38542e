// Agent console: refreshes the connected caller and the queues from the JSON API every few seconds.
// Text only (textContent), never HTML, so nothing a caller or contact typed can run here.
(function () {
  'use strict';
  var POLL_MS = 3000;
  var body = document.body;
  var queueUrl = body.getAttribute('data-queue-url');
  var currentUrl = body.getAttribute('data-current-url');
  var callbacksUrl = body.getAttribute('data-callbacks-url');
  var callbackPage = body.getAttribute('data-callback-page') || '1';
  var callbackActionsUrl = body.getAttribute('data-callback-actions-url');
  var csrfField = document.querySelector('input[name="csrf"]');

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
    byId('current-callback').hidden = !call.callback;
    byId('current-callback').textContent = text(call.callbackText);
  }

  // One button in a form posting to the callback's action, built from DOM nodes (never from HTML text).
  function actionForm(id, action, label) {
    var form = document.createElement('form');
    form.method = 'post';
    form.action = callbackActionsUrl + '/' + encodeURIComponent(String(id)) + '/' + action;
    form.className = 'inline';
    var csrf = document.createElement('input');
    csrf.type = 'hidden';
    csrf.name = 'csrf';
    csrf.value = csrfField ? csrfField.value : '';
    var button = document.createElement('button');
    button.type = 'submit';
    button.className = 'secondary';
    button.textContent = label;
    form.appendChild(csrf);
    form.appendChild(button);
    return form;
  }

  function showCallbacks(page) {
    var tbody = byId('callback-rows');
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    page.callbacks.forEach(function (row) {
      var tr = document.createElement('tr');
      [row.requestedAtText, row.caller, row.identityText, row.contactName, row.accountNumber, row.state,
        row.attempts + ' of ' + row.maxAttempts, row.lastResult, row.nextAttemptText].forEach(function (value) {
        var td = document.createElement('td');
        td.textContent = text(value);
        tr.appendChild(td);
      });
      var actions = document.createElement('td');
      if (row.canClose) {
        actions.appendChild(actionForm(row.id, 'handled', 'Mark handled'));
        actions.appendChild(actionForm(row.id, 'cancel', 'Cancel'));
      }
      tr.appendChild(actions);
      tbody.appendChild(tr);
    });
    byId('callbacks-none').hidden = page.callbacks.length > 0;
  }

  function showQueue(queue) {
    fillRows(byId('waiting-rows'), queue.waiting,
      ['queue', 'verificationText', 'waitingText', 'contactName', 'accountNumber']);
    byId('waiting-none').hidden = queue.waiting.length > 0;
    byId('waiting-cut').hidden = queue.waitingTotal <= queue.waiting.length;
    byId('waiting-total').textContent = text(queue.waitingTotal);
  }

  function refresh() {
    Promise.all([getJson(currentUrl), getJson(queueUrl),
      getJson(callbacksUrl + '?page=' + encodeURIComponent(callbackPage))])
      .then(function (results) {
        showCurrent(results[0]);
        showQueue(results[1]);
        showCallbacks(results[2]);
        byId('updated-at').textContent = new Date().toISOString().substring(11, 19) + ' UTC';
      })
      .catch(function () { /* keep the last view; the next poll tries again */ })
      .then(function () { window.setTimeout(refresh, POLL_MS); });
  }

  window.setTimeout(refresh, POLL_MS);
}());
