/* SupplyChain: small enhancements. Every page works without this file. */
(function () {
  'use strict';

  var STATUS = {
    Linked: 'Linked', LinkAllegedWeakly: 'Link alleged on weak evidence', LinkEnded: 'Link reported ended',
    NamedInReport: 'Named in a report', SuppliersKnown: 'Suppliers known, none linked', NoEvidence: 'No evidence in our data'
  };

  document.querySelectorAll('input[data-typeahead]').forEach(typeahead);
  document.querySelectorAll('pre[data-copy]').forEach(copyButton);

  /* Brand typeahead: an ARIA 1.2 combobox with a listbox popup. Picking a suggestion opens the brand page;
     Enter without a highlighted suggestion submits the form (GET /search) as it would without script. */
  function typeahead(input) {
    var endpoint = input.getAttribute('data-typeahead');
    var listId = input.id + '-suggestions';
    var list = document.createElement('ul');
    list.id = listId;
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Suggested brands');
    list.hidden = true;
    input.parentNode.appendChild(list);
    var live = document.createElement('p');
    live.className = 'visually-hidden';
    live.setAttribute('role', 'status');
    input.parentNode.parentNode.appendChild(live);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);

    var items = [], active = -1, timer = 0, seq = 0, controller = null;

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(load, 120);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        if (items.length) { open(); move(1); e.preventDefault(); }
      } else if (e.key === 'ArrowUp') {
        if (items.length) { open(); move(-1); e.preventDefault(); }
      } else if (e.key === 'Enter') {
        if (!list.hidden && active >= 0) { e.preventDefault(); pick(items[active]); }
      } else if (e.key === 'Escape') {
        if (!list.hidden) { e.preventDefault(); close(); }
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
    list.addEventListener('mousedown', function (e) { e.preventDefault(); });
    list.addEventListener('click', function (e) {
      var li = e.target.closest('li[role="option"]');
      if (li) pick(items[Number(li.getAttribute('data-i'))]);
    });

    function load() {
      var q = input.value.trim();
      var mine = ++seq;
      if (!q) { items = []; render(); return; }
      if (controller) controller.abort();
      controller = typeof AbortController === 'function' ? new AbortController() : null;
      fetch(endpoint + '?first=8&q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' }, signal: controller ? controller.signal : undefined })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (data) { if (mine === seq) { items = Array.isArray(data) ? data : []; render(); list.setAttribute('data-q', q); } })
        .catch(function () { /* offline or aborted: the form still works */ });
    }

    function render() {
      // A late answer must not drop the suggestion the user has already moved to.
      var keep = active >= 0 && list.children[active] ? list.children[active].getAttribute('data-slug') : null;
      list.textContent = '';
      active = -1;
      input.removeAttribute('aria-activedescendant');
      items.forEach(function (h, i) {
        var li = document.createElement('li');
        li.id = listId + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.setAttribute('data-i', String(i));
        li.setAttribute('data-slug', h.slug);
        var name = document.createElement('span');
        name.textContent = h.name;
        var sub = document.createElement('span');
        sub.className = 'sub';
        sub.textContent = describe(h);
        li.appendChild(name);
        li.appendChild(sub);
        list.appendChild(li);
      });
      if (items.length) open(); else close();
      if (keep) items.forEach(function (h, i) { if (h.slug === keep) { active = i - 1; move(1); } });
      live.textContent = items.length
        ? items.length + (items.length === 1 ? ' suggestion' : ' suggestions') + '. Use the up and down arrows to choose, Enter to open.'
        : (input.value.trim() ? 'No suggestions. Press Enter to search.' : '');
    }

    function describe(h) {
      var status = STATUS[h.status] || '';
      if (h.matchKind === 'Fuzzy') return 'Near spelling (matched “' + h.matchedName + '”) · ' + status;
      if (/ \(owner\)$/.test(h.matchedName)) return 'Owned by ' + h.matchedName.replace(/ \(owner\)$/, '') + ' · ' + status;
      if (h.matchKind === 'Alias') return 'Also called ' + h.matchedName + ' · ' + status;
      return status;
    }

    function open() { list.hidden = false; input.setAttribute('aria-expanded', 'true'); }
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      if (active >= 0 && list.children[active]) list.children[active].setAttribute('aria-selected', 'false');
      active = -1;
    }
    function move(delta) {
      if (active >= 0 && list.children[active]) list.children[active].setAttribute('aria-selected', 'false');
      active = (active + delta + items.length) % items.length;
      var li = list.children[active];
      li.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', li.id);
      if (li.scrollIntoView) li.scrollIntoView({ block: 'nearest' });
    }
    function pick(h) {
      if (h && h.slug) window.location.href = '/brands/' + encodeURIComponent(h.slug);
    }
  }

  /* A "Copy" button under each citation block. */
  function copyButton(pre) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary copy';
    button.textContent = 'Copy';
    var labelId = pre.getAttribute('aria-labelledby');
    var label = labelId && document.getElementById(labelId);
    button.setAttribute('aria-label', 'Copy ' + (label ? label.textContent : 'text'));
    button.addEventListener('click', function () {
      copy(pre.textContent).then(function () { flash(button, 'Copied'); }, function () { flash(button, 'Select the text to copy'); });
    });
    pre.parentNode.insertBefore(button, pre.nextSibling);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'visually-hidden';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error('copy failed'));
    });
  }

  function flash(button, text) {
    button.textContent = text;
    setTimeout(function () { button.textContent = 'Copy'; }, 2000);
  }
})();
