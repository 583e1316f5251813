// A business API for wabot, written from its contract (docs/openapi.yaml, also served by wabot at
// GET /openapi.yaml). Plain Node.js 18+, no dependencies: copy it and put your own logic in decide().
//
//   PORT=3000 node server.js      then point wabot at it: EXTERNAL_API_URL=http://localhost:3000/wabot
//
// What the contract asks of it, and where it is done:
//   - wabot POSTs one finished conversation as JSON, with an Idempotency-Key header: handle()
//   - the same key comes again when wabot retries: answer it as the first time, and act once (replies below)
//   - answer 2xx with {continue_conversation: true, message?, additional_questions?} or
//     {continue_conversation: false, final_message?}: decide()
//   - 408, 429, 502, 503 and 504 are retried by wabot; any other error ends the conversation with an apology,
//     so answer 503 when your side is briefly down, and 400 only for a request that can never succeed.
'use strict';

const http = require('node:http');

const MAX_BODY = 1024 * 1024;

/**
 * The business logic: what to say to a person whose conversation just ended, given their answers. `number` says
 * which WhatsApp number they wrote to ({phone_number_id, name}); one API can serve several.
 */
function decide(submission, nextTicket) {
  const { answers, number } = submission;
  const name = typeof answers.name === 'string' ? answers.name : null;
  // The sales line (by its name in wabot's NUMBERS_FILE; number.phone_number_id is steadier) asks one more question,
  // typed like a flow's: wabot asks it, checks the answer is a whole number, then posts again with every answer.
  if (number.name === 'Sales' && !('team_size' in answers)) {
    return {
      continue_conversation: true,
      message: name ? `Thanks, ${name}. One more question.` : 'Thanks. One more question.',
      additional_questions: [
        { id: 'team_size', text: 'How many people are on your team?', type: 'number', integer: true, min: 1 },
      ],
    };
  }
  return {
    continue_conversation: false,
    final_message: `Ticket ${nextTicket()} is open${name ? `, ${name}` : ''}. We'll write back within a day.`,
  };
}

/** A server that answers wabot's submissions at `path`. */
function createServer({ path = '/wabot', log = console.log } = {}) {
  // The replies already given, by Idempotency-Key: a retry is answered as the first time, and acted on once.
  // Keep them where they survive a restart (your database), in the transaction of the work they stand for.
  const replies = new Map();
  let tickets = 1000;

  function handle(key, submission) {
    if (replies.has(key)) {
      return replies.get(key);
    }
    const reply = decide(submission, () => ++tickets);
    replies.set(key, reply);
    log(`submission ${key} from ${submission.user_phone ?? submission.user_id} to ${submission.number.name ?? submission.number.phone_number_id}: ${reply.continue_conversation ? 'continue' : 'end'}`);
    return reply;
  }

  return http.createServer((req, res) => {
    const send = (status, body) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json' });
      res.end(text);
    };
    if (req.method === 'GET' && req.url === '/health') {
      return send(200, { status: 'up' });
    }
    if (req.method !== 'POST' || req.url.split('?')[0] !== path) {
      return send(404, 'not found');
    }
    const key = req.headers['idempotency-key'];
    if (!key) {
      return send(400, 'an Idempotency-Key header is required');
    }
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        send(413, 'body too large');
        req.destroy();
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      if (res.headersSent) {
        return;
      }
      let submission;
      try {
        submission = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(400, 'the body is not JSON');
      }
      if (!submission || typeof submission.answers !== 'object' || typeof submission.number !== 'object') {
        return send(400, 'not a wabot submission: answers and number are required');
      }
      try {
        send(200, handle(key, submission));
      } catch (error) {
        // Your side failed (a database down, say): 503 makes wabot try again, with the same key.
        log(`submission ${key} failed: ${error.message}`);
        send(503, 'try again');
      }
    });
  });
}

module.exports = { createServer, decide };

if (require.main === module) {
  const port = Number(process.env.PORT || 3000);
  const path = process.env.WABOT_PATH || '/wabot';
  const server = createServer({ path });
  server.listen(port, '127.0.0.1', () => {
    // With PORT=0 the system picks a free port; this line says which (wabot's test reads it).
    console.log(`business API listening on http://localhost:${server.address().port}${path}`);
  });
}
