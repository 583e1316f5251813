// The example's own tests, with Node's test runner (npm test): what wabot will send, and what it must get back.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { createServer } = require('../server.js');

async function withServer(run) {
  const server = createServer({ path: '/wabot', log: () => {} });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${server.address().port}/wabot`);
  } finally {
    server.close();
  }
}

function post(url, body, key = 'f2b0c1e9-40a4-3a51-9d0a-5f1d2c3b4a5e') {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
}

const support = {
  user_phone: '+15555550101',
  number: { phone_number_id: '106540352242922', name: 'Support' },
  timestamp: '2026-09-14T12:46:41Z',
  answers: { name: 'Ana', email: 'ana@example.com' },
};

test('a conversation ends with a ticket', async () => {
  await withServer(async (url) => {
    const response = await post(url, support);
    assert.strictEqual(response.status, 200);
    const reply = await response.json();
    assert.strictEqual(reply.continue_conversation, false);
    assert.match(reply.final_message, /^Ticket 1001 is open, Ana\./);
  });
});

test('a retry with the same key gets the same reply, and opens no second ticket', async () => {
  await withServer(async (url) => {
    const first = await (await post(url, support)).json();
    const again = await (await post(url, support)).json();
    const other = await (await post(url, support, 'a3c0c1e9-40a4-3a51-9d0a-5f1d2c3b4a5e')).json();
    assert.deepStrictEqual(again, first);
    assert.match(other.final_message, /^Ticket 1002/);
  });
});

test('the sales line asks one more question, then ends', async () => {
  await withServer(async (url) => {
    const sales = { ...support, number: { phone_number_id: '106540352242923', name: 'Sales' } };
    const ask = await (await post(url, sales)).json();
    assert.strictEqual(ask.continue_conversation, true);
    assert.deepStrictEqual(ask.additional_questions.map((q) => q.id), ['team_size']);
    const done = await (await post(url, { ...sales, answers: { ...sales.answers, team_size: 12 } },
      'b4d0c1e9-40a4-3a51-9d0a-5f1d2c3b4a5e')).json();
    assert.strictEqual(done.continue_conversation, false);
  });
});

test('a request that is not a submission is refused for good', async () => {
  await withServer(async (url) => {
    assert.strictEqual((await post(url, { hello: 'world' })).status, 400);
    const noKey = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.strictEqual(noKey.status, 400);
  });
});
