// Guild's site search for visitors, served from the site itself at /public/guild-search.js and
// loaded by {{ghost_head}}: any element with `data-ghost-search` (Ghost themes' search buttons)
// opens a search box whose results come from /search.json as the visitor types; Enter opens the
// full results page at /search/?q=. Ctrl+K or Cmd+K opens it too. No third-party code.
(function () {
  'use strict';
  var dialog = null;
  var input = null;
  var list = null;
  var status = null;
  var timer = 0;
  var asked = 0;

  var STYLE =
    '.guild-search{width:min(640px,calc(100vw - 32px));max-height:min(80vh,720px);padding:0;border:0;border-radius:12px;box-shadow:0 20px 60px rgba(0,0,0,.3);color:#15171a;background:#fff;font:16px/1.5 system-ui,sans-serif}' +
    '.guild-search::backdrop{background:rgba(0,0,0,.45)}' +
    '.guild-search form{display:flex;gap:8px;padding:16px;border-bottom:1px solid #e5e7eb}' +
    '.guild-search input{flex:1;min-width:0;padding:10px 12px;border:1px solid #cbd5e1;border-radius:8px;font:inherit;color:inherit;background:#fff}' +
    '.guild-search button{padding:8px 12px;border:0;border-radius:8px;font:inherit;color:#fff;background:var(--ghost-accent-color,#15171a);cursor:pointer}' +
    '.guild-search ol{list-style:none;margin:0;padding:8px;overflow:auto;max-height:calc(min(80vh,720px) - 120px)}' +
    '.guild-search li a{display:block;padding:10px 12px;border-radius:8px;color:inherit;text-decoration:none}' +
    '.guild-search li a:hover,.guild-search li a:focus{background:#f1f5f9;outline:none}' +
    '.guild-search li strong{display:block}.guild-search li span{display:block;font-size:14px;color:#475569}' +
    '.guild-search mark{background:#fde68a;color:inherit}' +
    '.guild-search p{margin:0;padding:12px 20px;font-size:14px;color:#475569}';

  function build() {
    var style = document.createElement('style');
    style.textContent = STYLE;
    document.head.appendChild(style);
    dialog = document.createElement('dialog');
    dialog.className = 'guild-search';
    dialog.setAttribute('aria-label', 'Search this site');
    var form = document.createElement('form');
    form.action = '/search/';
    form.method = 'get';
    form.setAttribute('role', 'search');
    input = document.createElement('input');
    input.type = 'search';
    input.name = 'q';
    input.placeholder = 'Search posts and pages';
    input.setAttribute('aria-label', 'Search');
    input.autocomplete = 'off';
    var button = document.createElement('button');
    button.type = 'submit';
    button.textContent = 'Search';
    form.appendChild(input);
    form.appendChild(button);
    status = document.createElement('p');
    status.setAttribute('role', 'status');
    list = document.createElement('ol');
    dialog.appendChild(form);
    dialog.appendChild(status);
    dialog.appendChild(list);
    dialog.addEventListener('click', function (event) {
      if (event.target === dialog) dialog.close();
    });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(search, 120);
    });
    document.body.appendChild(dialog);
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++asked;
    if (!query) {
      list.textContent = '';
      status.textContent = '';
      return;
    }
    fetch('/search.json?limit=8&q=' + encodeURIComponent(query), { headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.ok ? response.json() : { results: [], meta: { pagination: { total: 0 } } };
      })
      .then(function (answer) {
        if (ticket !== asked) return;
        list.textContent = '';
        answer.results.forEach(function (result) {
          var item = document.createElement('li');
          var link = document.createElement('a');
          link.href = result.url;
          var title = document.createElement('strong');
          title.textContent = result.title;
          var snippet = document.createElement('span');
          // Escaped by the site, with matched words in <mark>.
          snippet.innerHTML = result.snippet;
          link.appendChild(title);
          link.appendChild(snippet);
          item.appendChild(link);
          list.appendChild(item);
        });
        var total = answer.meta.pagination.total;
        status.textContent = total === 0 ? 'No results for “' + query + '”' : total + (total === 1 ? ' result' : ' results') + (total > answer.results.length ? ' · press Enter to see them all' : '');
      })
      .catch(function () {
        if (ticket === asked) status.textContent = 'Search is not available right now.';
      });
  }

  function open() {
    if (!dialog) build();
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
  }

  document.addEventListener('click', function (event) {
    var trigger = event.target instanceof Element ? event.target.closest('[data-ghost-search]') : null;
    if (!trigger) return;
    event.preventDefault();
    open();
  });
  document.addEventListener('keydown', function (event) {
    if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      open();
    }
  });
  if (location.hash === '#/search') open();
})();
