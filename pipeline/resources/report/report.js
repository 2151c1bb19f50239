(function () {
  'use strict';
  function $(id) { return document.getElementById(id); }
  var settings = JSON.parse($('report-settings').textContent);
  var index = JSON.parse($('report-index').textContent);
  var STORE = 'nyhetsprofil-vurderinger:' + settings.key;
  var NAME = 'nyhetsprofil-kontrollor';
  var PAGE = settings.pageSize;
  var FIELD_LABELS = {organisation: 'organisasjon', person: 'person', place: 'sted', sdg: 'bærekraftsmål'};
  var KINDS = {company: 'selskap', public_body: 'offentlig organ', other: 'annen'};
  var decisions = load();
  var filtered = index;
  var page = 0;
  var searchText = {};
  var lastSelection = null;

  /* --- decisions: one per value, kept in localStorage under this report's key ---------- */

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }
  function persist() {
    try { localStorage.setItem(STORE, JSON.stringify(decisions)); }
    catch (e) { say('save-status', 'Kunne ikke huske vurderingene i nettleseren: ' + e.message, true); }
    $('decision-count').textContent = Object.keys(decisions).length;
  }
  function keyOf(d) {
    var ev = d.evidence;
    return JSON.stringify([d.article_id, d.field, ev ? ev.start : null, ev ? ev.end : null, d.value]);
  }
  function reviewer() { return $('reviewer').value.trim(); }
  function record(base, verdict, correction) {
    /* the fields in the order of models.ReviewDecision */
    var d = {article_id: base.article_id, field: base.field, value: base.value,
             evidence: base.evidence, verdict: verdict,
             correction: correction === undefined ? null : correction,
             reviewer: reviewer(), time: new Date().toISOString()};
    decisions[keyOf(d)] = d;
    persist();
    return d;
  }
  function say(id, text, warn) {
    var el = typeof id === 'string' ? $(id) : id;
    el.textContent = text;
    el.classList.toggle('warn', !!warn);
  }

  /* --- offsets: the article text in code points, as Python counts them ----------------- */

  function cpLen(s) { return Array.from(s).length; }
  function chars(section) {
    if (!section._chars) section._chars = Array.from(section.querySelector('.article-text').textContent);
    return section._chars;
  }
  function offsetAt(pre, node, off) {
    if (node.nodeType === 3) {
      var span = node.parentElement.closest('[data-start]');
      if (span && pre.contains(span)) return +span.dataset.start + cpLen(node.data.slice(0, off));
    }
    var range = document.createRange();  /* a boundary between elements: count what precedes it */
    range.setStart(pre, 0);
    range.setEnd(node, off);
    return cpLen(range.toString());
  }
  function selectionInArticle() {
    var sel = window.getSelection();
    if (!sel || !sel.rangeCount || sel.isCollapsed) return null;
    var range = sel.getRangeAt(0);
    var node = range.commonAncestorContainer;
    var pre = (node.nodeType === 1 ? node : node.parentElement).closest('.article-text');
    if (!pre) return null;
    var section = pre.closest('.article');
    var text = chars(section);
    var start = offsetAt(pre, range.startContainer, range.startOffset);
    var end = offsetAt(pre, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end <= start) return null;
    return {article: section.dataset.id, start: start, end: end, text: text.slice(start, end).join('')};
  }
  document.addEventListener('selectionchange', function () {
    var found = selectionInArticle();
    if (found) lastSelection = found;
  });

  /* --- review controls ------------------------------------------------------------------ */

  function baseOf(rv) {
    var section = rv.closest('.article');
    var base = {article_id: section.dataset.id, field: rv.dataset.field,
                value: rv.hasAttribute('data-value') ? rv.dataset.value : null, evidence: null};
    if (rv.hasAttribute('data-start')) {
      var start = +rv.dataset.start, end = +rv.dataset.end;
      base.evidence = {start: start, end: end, text: chars(section).slice(start, end).join('')};
    }
    return base;
  }
  var BUTTONS = [['correct', '✓', 'Riktig'], ['wrong', '✗', 'Feil: fjernes'],
                 ['corrected', '✎', 'Rett verdien']];
  function paint(rv) {
    if (!rv.firstChild) {  /* the buttons, made for the values on show only */
      BUTTONS.forEach(function (b) {
        var button = document.createElement('button');
        button.type = 'button'; button.className = 'rv-b';
        button.dataset.verdict = b[0]; button.textContent = b[1]; button.title = b[2];
        rv.appendChild(button);
      });
      var note = document.createElement('span');
      note.className = 'rv-note';
      rv.appendChild(note);
    }
    var d = decisions[keyOf(baseOf(rv))];
    ['correct', 'wrong', 'corrected'].forEach(function (v) {
      rv.classList.toggle('is-' + v, !!d && d.verdict === v);
    });
    var note = rv.querySelector('.rv-note');
    note.textContent = !d ? '' : d.verdict === 'corrected' ? '→ ' + d.correction
      : d.verdict === 'wrong' ? 'feil' : '';
  }
  function openEditor(rv, base) {
    if (rv.querySelector('.rv-edit')) return;
    var box = document.createElement('span');
    box.className = 'rv-edit';
    var input;
    if (base.field === 'organisation.kind') {
      input = document.createElement('select');
      Object.keys(KINDS).forEach(function (k) {
        if (k === base.value) return;
        var option = document.createElement('option');
        option.value = k;
        option.textContent = KINDS[k];
        option.title = k;
        input.appendChild(option);
      });
    } else {
      input = document.createElement('input');
      input.type = base.field === 'sdg' ? 'number' : 'text';
      input.placeholder = 'riktig verdi';
      if (base.value !== null && base.field !== 'sdg') input.value = base.value;
    }
    input.className = 'rv-input';
    var ok = document.createElement('button');
    ok.type = 'button'; ok.className = 'rv-ok'; ok.textContent = 'OK';
    var cancel = document.createElement('button');
    cancel.type = 'button'; cancel.className = 'rv-cancel'; cancel.textContent = 'Avbryt';
    box.append(' ', input, ok, cancel);
    rv.appendChild(box);
    input.focus();
    function save() {
      var value = input.value.trim();
      if (base.field === 'sdg') {
        if (!/^\d+$/.test(value) || +value < 1 || +value > 17) { say(rv.querySelector('.rv-note'), 'et mål er 1–17', true); return; }
        value = String(+value);
      }
      if (!value || value === base.value) { say(rv.querySelector('.rv-note'), 'skriv den riktige verdien', true); return; }
      record(base, 'corrected', value);
      box.remove();
      paint(rv);
    }
    ok.addEventListener('click', save);
    cancel.addEventListener('click', function () { box.remove(); paint(rv); });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') save();
      if (event.key === 'Escape') { box.remove(); paint(rv); }
    });
  }
  function verdictClick(button) {
    var rv = button.closest('.rv');
    var base = baseOf(rv);
    var verdict = button.dataset.verdict;
    var current = decisions[keyOf(base)];
    if (verdict === 'corrected') { openEditor(rv, base); return; }
    if (current && current.verdict === verdict) { delete decisions[keyOf(base)]; persist(); }
    else record(base, verdict);
    paint(rv);
  }

  /* --- adding what the pipeline missed -------------------------------------------------- */

  function addClick(button) {
    var section = button.closest('.article');
    var note = section.querySelector('.add-note');
    var sel = selectionInArticle() || lastSelection;
    if (!sel || sel.article !== section.dataset.id) {
      say(note, 'Marker først teksten i denne artikkelen.', true);
      return;
    }
    var field = button.dataset.field;
    var value = sel.text;
    if (field === 'sdg') {
      value = section.querySelector('.add-sdg').value.trim();
      if (!/^\d+$/.test(value) || +value < 1 || +value > 17) {
        say(note, 'Skriv målnummeret (1–17) i feltet ved knappen.', true);
        return;
      }
      value = String(+value);
    }
    record({article_id: sel.article, field: field, value: value,
            evidence: {start: sel.start, end: sel.end, text: sel.text}}, 'added');
    say(note, 'Lagt til ' + FIELD_LABELS[field] + ' «' + value + '».');
    renderAdded(section);
  }
  function renderAdded(section) {
    var list = section.querySelector('.added');
    list.textContent = '';
    Object.keys(decisions).forEach(function (key) {
      var d = decisions[key];
      if (d.verdict !== 'added' || d.article_id !== section.dataset.id) return;
      var item = document.createElement('li');
      item.textContent = FIELD_LABELS[d.field] + ' «' + d.value + '» (tekst «' + d.evidence.text + '», '
        + d.evidence.start + '–' + d.evidence.end + ') ';
      var remove = document.createElement('button');
      remove.type = 'button'; remove.className = 'unadd'; remove.textContent = 'fjern';
      remove.dataset.key = key;
      item.appendChild(remove);
      list.appendChild(item);
    });
  }

  /* --- saving: a JSONL file through a Blob link ----------------------------------------- */

  function save() {
    var name = reviewer();
    var keys = Object.keys(decisions);
    if (!keys.length) { say('save-status', 'Ingen vurderinger å lagre ennå.', true); return; }
    if (!name) { say('save-status', 'Skriv navnet ditt i feltet «Kontrollør» først.', true); $('reviewer').focus(); return; }
    var list = keys.map(function (k) { return decisions[k]; });
    list.sort(function (a, b) { return a.time < b.time ? -1 : a.time > b.time ? 1 : 0; });
    var lines = list.map(function (d) {
      if (!d.reviewer) d.reviewer = name;
      return JSON.stringify(d);
    });
    persist();
    var blob = new Blob([lines.join('\n') + '\n'], {type: 'application/x-ndjson'});
    var url = URL.createObjectURL(blob);
    var link = document.createElement('a');
    link.href = url;
    link.download = 'vurderinger-' + settings.key + '.jsonl';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 5000);
    say('save-status', list.length + ' vurderinger lagret som ' + link.download + '.');
  }

  /* --- filters, search and pages -------------------------------------------------------- */

  function lower(s) { return (s || '').toLowerCase(); }
  function anyHas(values, needle) {
    return values.some(function (v) { return lower(v).indexOf(needle) >= 0; });
  }
  function decode(html) {
    var map = {'&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'"};
    return html.replace(/&(amp|lt|gt|quot|#x27);/g, function (m) { return map[m]; });
  }
  function haystack(entry) {
    if (!(entry.id in searchText)) {  /* the article text, read on the first search only */
      var html = ($('data-' + entry.id) || {}).textContent || '';
      var at = html.indexOf('<pre class="article-text">'), to = html.indexOf('</pre>', at);
      var text = at >= 0 ? decode(html.slice(at, to).replace(/<[^>]*>/g, '')) : '';
      searchText[entry.id] = lower([entry.title, entry.source, entry.id, entry.orgs.join(' '),
        entry.places.join(' '), entry.people.join(' '), entry.industries.join(' '), text].join('\n'));
    }
    return searchText[entry.id];
  }
  function currentFilters() {
    return {search: lower($('f-search').value.trim()), org: lower($('f-org').value.trim()),
            kind: $('f-kind').value, sdg: $('f-sdg').value, place: lower($('f-place').value.trim()),
            article: lower($('f-article').value.trim())};
  }
  function matches(e, f) {
    if (f.kind && e.kinds.indexOf(f.kind) < 0) return false;
    if (f.sdg && e.sdgs.indexOf(+f.sdg) < 0) return false;
    if (f.org && !anyHas(e.orgs, f.org)) return false;
    if (f.place && !anyHas(e.places, f.place)) return false;
    if (f.article && !anyHas([e.title, e.id, e.source], f.article)) return false;
    if (f.search && haystack(e).indexOf(f.search) < 0) return false;
    return true;
  }
  function applyFilters() {
    var f = currentFilters();
    filtered = index.filter(function (e) { return matches(e, f); });
    page = 0;
    renderPage();
  }
  function resetFilters() {
    ['f-search', 'f-org', 'f-kind', 'f-sdg', 'f-place', 'f-article'].forEach(function (id) { $(id).value = ''; });
    filtered = index;
  }
  function renderPage() {
    var pages = Math.max(1, Math.ceil(filtered.length / PAGE));
    page = Math.min(Math.max(0, page), pages - 1);
    var shown = filtered.slice(page * PAGE, page * PAGE + PAGE);
    var container = $('articles');
    container.innerHTML = shown.map(function (e) {
      var block = $('data-' + e.id);
      return block ? block.textContent : '';
    }).join('\n');
    container.querySelectorAll('.article').forEach(function (section) {
      section.querySelectorAll('.rv').forEach(paint);
      renderAdded(section);
    });
    say('f-status', filtered.length
      ? 'Viser ' + (page * PAGE + 1) + '–' + (page * PAGE + shown.length) + ' av ' + filtered.length
        + ' artikler' + (filtered.length < index.length ? ' (filtrert fra ' + index.length + ')' : '') + '.'
      : 'Ingen artikler passer filtrene.');
    ['pager-top', 'pager-bottom'].forEach(function (id) {
      var pager = $(id);
      pager.textContent = '';
      if (pages < 2) return;
      var prev = document.createElement('button');
      prev.type = 'button'; prev.textContent = '« Forrige'; prev.disabled = page === 0;
      prev.className = 'page-prev';
      prev.addEventListener('click', function () { page--; renderPage(); $('filters').scrollIntoView(); });
      var label = document.createElement('span');
      label.textContent = 'Side ' + (page + 1) + ' av ' + pages;
      var next = document.createElement('button');
      next.type = 'button'; next.textContent = 'Neste »'; next.disabled = page >= pages - 1;
      next.className = 'page-next';
      next.addEventListener('click', function () { page++; renderPage(); $('filters').scrollIntoView(); });
      pager.append(prev, label, next);
    });
  }
  function showArticle(id) {
    var at = filtered.findIndex(function (e) { return e.id === id; });
    if (at < 0) {
      resetFilters();
      at = filtered.findIndex(function (e) { return e.id === id; });
    }
    if (at < 0) return false;
    var wanted = Math.floor(at / PAGE);
    if (wanted !== page || !$('article-' + id)) { page = wanted; renderPage(); }
    return true;
  }
  function fillList(listId, values) {
    var list = $(listId);
    if (list.childElementCount) return;
    Array.from(new Set(values)).sort(function (a, b) { return a.localeCompare(b, 'nb'); }).forEach(function (v) {
      var option = document.createElement('option');
      option.value = v;
      list.appendChild(option);
    });
  }
  var lists = {
    'f-org': function () { fillList('dl-org', [].concat.apply([], index.map(function (e) { return e.orgs; }))); },
    'f-place': function () { fillList('dl-place', [].concat.apply([], index.map(function (e) { return e.places; }))); },
    'f-article': function () { fillList('dl-article', index.map(function (e) { return e.title; })); }
  };
  Object.keys(lists).forEach(function (id) { $(id).addEventListener('focus', lists[id]); });
  var typing = null;
  ['f-search', 'f-org', 'f-place', 'f-article'].forEach(function (id) {
    $(id).addEventListener('input', function () { clearTimeout(typing); typing = setTimeout(applyFilters, 200); });
  });
  // a chosen filter shows its results: the filter bar and the first articles it kept
  ['f-kind', 'f-sdg'].forEach(function (id) {
    $(id).addEventListener('change', function () { applyFilters(); $('filters').scrollIntoView(); });
  });
  $('f-reset').addEventListener('click', function () { resetFilters(); page = 0; renderPage(); });

  /* --- evidence links: show the article, scroll its span into view and flash it ---------- */

  function flash(link) {
    var id = link.getAttribute('href').slice(1);
    var target = document.getElementById(id);
    if (!target && link.dataset.article && showArticle(link.dataset.article)) target = document.getElementById(id);
    if (!target) return false;
    var start = +link.dataset.start, end = +link.dataset.end;
    var text = target.closest('.article-text');
    text.querySelectorAll('.hl.flash').forEach(function (el) { el.classList.remove('flash'); });
    text.querySelectorAll('.hl').forEach(function (el) {
      if (+el.dataset.start >= start && +el.dataset.end <= end) {
        void el.offsetWidth;  /* restart the animation on a second click */
        el.classList.add('flash');
      }
    });
    target.scrollIntoView({block: 'center'});
    history.replaceState(null, '', '#' + target.id);
    return true;
  }

  document.addEventListener('click', function (event) {
    var el = event.target;
    var link = el.closest('a.ev[data-start]');
    if (link) { if (flash(link)) event.preventDefault(); return; }
    var button = el.closest('.rv-b');
    if (button) { verdictClick(button); return; }
    button = el.closest('button.add');
    if (button) { addClick(button); return; }
    button = el.closest('button.unadd');
    if (button) {
      delete decisions[button.dataset.key];
      persist();
      renderAdded(button.closest('.article'));
      return;
    }
    var org = el.closest('a.filter-org');
    if (org) {
      event.preventDefault();
      resetFilters();
      $('f-org').value = org.dataset.org;
      applyFilters();
      $('filters').scrollIntoView();
    }
  });
  $('save').addEventListener('click', save);
  $('clear').addEventListener('click', function () {
    if (!window.confirm('Slette alle vurderingene i denne rapporten fra nettleseren?')) return;
    decisions = {};
    persist();
    renderPage();
  });
  $('reviewer').value = localStorage.getItem(NAME) || '';
  $('reviewer').addEventListener('input', function () { localStorage.setItem(NAME, reviewer()); });
  var more = $('matrix-more');
  if (more) more.addEventListener('click', function () {
    document.querySelector('.sdg-matrix tbody').insertAdjacentHTML('beforeend', $('matrix-rest').textContent);
    more.remove();
  });

  /* a link to #article-<id> or #ev-<id>-<offset> (from outside, or back and forward) */
  function followHash() {
    var hash = location.hash.match(/^#(?:article|ev)-([0-9a-zA-Z_]+)/);
    if (!hash || document.getElementById(location.hash.slice(1))) return;
    if (showArticle(hash[1])) {
      var target = document.getElementById(location.hash.slice(1));
      if (target) target.scrollIntoView({block: 'center'});
    }
  }
  window.addEventListener('hashchange', followHash);

  persist();
  renderPage();
  followHash();
})();
