// The simulator page: sends what the person types or taps as Meta-shaped deliveries (through the server), and polls
// for the replies that left the outbox. No framework and no build step; it ships in the jar.
(function () {
  'use strict';
  const root = document.querySelector('main.simulator');
  const person = root.dataset.person;
  const csrf = root.dataset.csrf;
  const chat = document.getElementById('chat');
  const status = document.getElementById('status');
  const text = document.getElementById('text');
  const api = '/simulator/api/people/' + encodeURIComponent(person);
  // With several numbers, the one this page writes to: every call names it.
  const number = root.dataset.number ? 'number=' + encodeURIComponent(root.dataset.number) : '';
  let said = 0;
  let told = 0;
  let failures = 0;

  function post(path, body) {
    return fetch(api + path + (number ? '?' + number : ''), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body),
      credentials: 'same-origin'
    }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (t) { throw new Error(response.status + ' ' + t); });
      }
      return response;
    });
  }

  function time(iso) {
    const d = new Date(iso);
    return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
  }

  function bubble(direction, at, id) {
    const li = document.createElement('li');
    li.className = 'bubble ' + direction;
    li.dataset.at = at;
    li.dataset.id = direction + id;
    return li;
  }

  function meta(li, at, ticks) {
    const span = document.createElement('span');
    span.className = 'meta';
    span.textContent = time(at) + (ticks ? ' ' : '');
    if (ticks) {
      const t = document.createElement('span');
      t.className = 'ticks ' + ticks;
      t.textContent = ticks === 'failed' ? '⚠' : '✓✓';
      span.appendChild(t);
    }
    li.appendChild(span);
  }

  function place(li) {
    // Keep the chat in time order: a reply and the message it answers can arrive in either poll.
    const after = Array.from(chat.children).reverse().find(function (other) { return other.dataset.at <= li.dataset.at; });
    if (after) {
      after.after(li);
    } else {
      chat.prepend(li);
    }
  }

  function showSaid(m) {
    const li = bubble('in', m.at, m.id);
    const body = document.createElement('span');
    if (m.attachment && m.kind === 'LOCATION') {
      body.className = 'attachment';
      body.textContent = '📍 ' + (m.attachment.name || '') + ' (' + m.attachment.latitude + ', ' + m.attachment.longitude + ')';
    } else if (m.attachment) {
      body.className = 'attachment';
      body.textContent = '📎 ' + m.attachment.type + (m.attachment.filename ? ' ' + m.attachment.filename : '')
        + (m.text ? '\n' + m.text : '');
    } else {
      body.textContent = m.text || '';
    }
    li.appendChild(body);
    meta(li, m.at, null);
    place(li);
  }

  function showTold(r) {
    const li = bubble('out', r.at, r.id);
    if (r.status === 'failed') {
      li.classList.add('failed');
    }
    const body = document.createElement('span');
    body.textContent = r.text;
    li.appendChild(body);
    if (r.choices) {
      li.appendChild(options(r));
    }
    meta(li, r.at, r.status === 'failed' ? 'failed' : 'read');
    place(li);
  }

  function options(r) {
    const box = document.createElement('div');
    box.className = 'options';
    const list = r.choices.style === 'LIST';
    const rows = document.createElement('div');
    rows.className = 'options';
    r.choices.options.forEach(function (option) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'option';
      button.textContent = option.title;
      if (option.description) {
        const d = document.createElement('span');
        d.className = 'description';
        d.textContent = option.description;
        button.appendChild(d);
      }
      button.addEventListener('click', function () {
        post('/messages', { tap: { id: option.id, title: option.title, list: list, context: r.wamid } })
          .then(poll, problem);
      });
      rows.appendChild(button);
    });
    if (!list) {
      return rows;
    }
    const open = document.createElement('button');
    open.type = 'button';
    open.className = 'list-button';
    open.textContent = '☰ ' + r.choices.button;
    rows.hidden = true;
    open.addEventListener('click', function () { rows.hidden = !rows.hidden; });
    box.appendChild(open);
    box.appendChild(rows);
    return box;
  }

  function problem(error) {
    status.textContent = 'Could not reach wabot: ' + error.message;
  }

  let polling = null;

  // One poll at a time, and a row is shown only past the cursor: a poll after a send and the timer's poll may
  // otherwise both read the same rows and show a reply twice.
  function poll() {
    if (polling) {
      return polling.then(poll);
    }
    polling = fetchView().finally(function () { polling = null; });
    return polling;
  }

  function fetchView() {
    return fetch(api + '?said=' + said + '&told=' + told + (number ? '&' + number : ''), { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status + '');
        }
        return response.json();
      })
      .then(function (view) {
        failures = 0;
        view.said.forEach(function (m) {
          if (m.id > said) { said = m.id; showSaid(m); }
        });
        const read = [];
        view.told.forEach(function (r) {
          if (r.id <= told) { return; }
          told = r.id;
          showTold(r);
          if (r.wamid && r.status === 'sent') {
            read.push(r.wamid);
          }
        });
        if (read.length) {
          post('/read', { wamids: read }).catch(problem);
        }
        if (view.said.length || view.told.length) {
          chat.scrollTop = chat.scrollHeight;
        }
        status.textContent = view.settled ? '' : (view.owed.submissions ? 'Waiting for the business API…' : 'typing…');
        root.dataset.settled = String(view.settled);
      })
      .catch(function (error) { failures++; problem(error); });
  }

  document.getElementById('composer').addEventListener('submit', function (event) {
    event.preventDefault();
    const value = text.value;
    if (!value.trim()) {
      return;
    }
    text.value = '';
    post('/messages', { text: value }).then(poll, problem);
  });

  const attachments = document.getElementById('attachments');
  document.getElementById('attach').addEventListener('click', function () { attachments.hidden = !attachments.hidden; });

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer)).map(function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }

  document.getElementById('file').addEventListener('change', function (event) {
    const file = event.target.files[0];
    if (!file) {
      return;
    }
    const mime = file.type || 'application/octet-stream';
    const type = mime.startsWith('image/') ? 'image' : mime.startsWith('video/') ? 'video'
      : mime.startsWith('audio/') ? 'audio' : 'document';
    const caption = text.value.trim();
    text.value = '';
    file.arrayBuffer()
      .then(function (bytes) { return crypto.subtle ? crypto.subtle.digest('SHA-256', bytes).then(hex) : 'unhashed'; })
      .then(function (sha256) {
        const media = { type: type, media_id: String(Date.now()) + String(Math.floor(Math.random() * 1e6)),
          mime_type: mime, sha256: sha256 };
        if (caption) { media.caption = caption; }
        if (type === 'document') { media.filename = file.name; }
        attachments.hidden = true;
        event.target.value = '';
        return post('/messages', { media: media });
      })
      .then(poll, problem);
  });

  document.getElementById('location').addEventListener('click', function () {
    attachments.hidden = true;
    post('/messages', { location: { latitude: -34.6037, longitude: -58.3816, name: 'Obelisco',
      address: 'Av. 9 de Julio s/n, Buenos Aires' } }).then(poll, problem);
  });

  poll();
  setInterval(function () { if (failures < 30) { poll(); } }, 400);
})();
