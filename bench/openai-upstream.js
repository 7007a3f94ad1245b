// A minimal OpenAI chat-completions upstream for benchmarks: answers every POST at once with a fixed completion, as
// JSON or, when the body asks for "stream": true, as server-sent chunks (role, one content chunk per word, finish,
// usage, [DONE]). Fast enough that the router, not the upstream, is what a benchmark measures.
//
//   node bench/openai-upstream.js PORT
'use strict';
const http = require('http');

const port = Number(process.argv[2] || 18090);
const words = ['Routers', 'forward', 'requests', 'quickly.'];
const usage = { prompt_tokens: 21, completion_tokens: words.length, total_tokens: 21 + words.length };
const json = Buffer.from(JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1765000000, model: 'sim-small',
  choices: [{ index: 0, message: { role: 'assistant', content: words.join(' ') }, finish_reason: 'stop' }],
  usage,
}));

function chunk(delta, finish, withUsage) {
  const body = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1765000000, model: 'sim-small',
    choices: delta === null ? [] : [{ index: 0, delta, finish_reason: finish }] };
  if (withUsage) body.usage = usage;
  return 'data: ' + JSON.stringify(body) + '\n\n';
}
const stream = Buffer.from(chunk({ role: 'assistant', content: '' }, null)
  + words.map((w, i) => chunk({ content: (i ? ' ' : '') + w }, null)).join('')
  + chunk({}, 'stop') + chunk(null, null, true) + 'data: [DONE]\n\n');

http.createServer((req, res) => {
  const parts = [];
  req.on('data', (part) => parts.push(part));
  req.on('end', () => {
    const streamed = /"stream"\s*:\s*true/.test(Buffer.concat(parts).toString('utf8'));
    if (streamed) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(stream);
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': json.length });
      res.end(json);
    }
  });
}).listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
