// The console's few behaviours: confirm before an action, whole rows as links, a transcript that opens at its
// latest message, and pages that keep themselves current. Everything works without it.
(function () {
  'use strict';
  const main = document.getElementById('main');

  document.addEventListener('submit', function (event) {
    const form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  document.addEventListener('click', function (event) {
    const row = event.target.closest('tr[data-href]');
    if (row && !event.target.closest('a, button, input, select')) {
      window.location.href = row.dataset.href;
    }
  });

  function transcript() {
    return document.getElementById('transcript');
  }

  function toBottom() {
    const chat = transcript();
    if (chat) {
      chat.scrollTop = chat.scrollHeight;
    }
  }

  // The notice after an action is said once: the address loses it, so a reload does not repeat it.
  const url = new URL(window.location.href);
  if (url.searchParams.has('done')) {
    url.searchParams.delete('done');
    window.history.replaceState(null, '', url.pathname + url.search);
  }
  toBottom();

  const every = Number(main && main.dataset.refresh);
  if (every > 0) {
    window.setInterval(function () {
      const busy = document.hidden || main.querySelector('details[open]')
        || (document.activeElement && document.activeElement.closest('form'));
      if (busy) {
        return;
      }
      const chat = transcript();
      const atBottom = !chat || chat.scrollHeight - chat.scrollTop - chat.clientHeight < 40;
      fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) {
            return;
          }
          const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('main');
          if (fresh) {
            main.innerHTML = fresh.innerHTML;
            if (atBottom) {
              toBottom();
            }
          }
        })
        .catch(function () { /* the next tick tries again */ });
    }, every * 1000);
  }
}());
