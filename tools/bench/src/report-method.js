'use strict';
/** The "How it is measured" section of docs/BENCHMARKS.md: what every figure is, written from the scenarios run. */

const n = (x) => x.toLocaleString('en-US');

/** The lines of the stalled-client scenario, when the run has one. */
function stalledHow(scenarios) {
  const s = scenarios.find((x) => x.stalled);
  if (!s) return '';
  const mib = (b) => (b / 1048576).toFixed(1);
  const perClient = s.textBytes * (s.warmup + s.messages);
  const check = (s.stallCheckMs || 2000) / 1000;
  return `- **${s.id}, stalled clients**: ${s.stalled} of the ${n(s.clients)} clients (spread over the connections)
  connect like the others and, as soon as their \`retry:\` frame has arrived (the server has registered them), stop
  reading (\`socket.pause()\`: the generator no longer reads that socket) for the whole run, warm-up included. The other
  clients are checked and measured exactly as in A; latency and correctness are theirs. Herald runs with its product
  default \`MAX_PENDING_BYTES\` (1 MiB) here, not the 64 MiB of the other scenarios; the baselines have no bound.
  Each text is ${n(s.payload)} characters (the API's limit) padded with a 3-byte UTF-8 character,
  ${mib(perClient)} MiB of text per client in all: past what the kernel holds for a client that stops reading (on
  loopback about 3.8 MiB, measured: the server's send buffer grows to \`net.ipv4.tcp_wmem\`'s maximum, 4 MiB by
  default, plus the client's receive window) plus the 1 MiB bound.
- **Stalled clients disconnected**: after the phase, the tail and the memory readings, every stalled socket is resumed
  and given ${check} s to close. One the server has disconnected reads the little the kernel still held for it, then
  gets the server's reset (or end of stream) at once; one the server still holds starts draining its backlog and is
  still open when the ${check} s are up. Closed within the ${check} s = disconnected (over all runs: disconnected/stalled).
- **RSS growth** (${s.id}): server VmRSS after the phase and the tail, minus VmRSS just before the warm-up (median). It is
  not the stalled clients' backlog alone: it holds everything the phase left in the heap, the history of both kinds of
  server (\`HISTORY_LIMIT\`=1000 messages of ${mib(s.textBytes * 1000)} MiB of text here) and whatever the garbage
  collector has not given back. A server that keeps its stalled clients mostly keeps their backlog in the kernel,
  which the next column shows.
- **TCP buffers growth** (${s.id}): the memory of all TCP sockets of the machine (\`TCP: mem\` of /proc/net/sockstat,
  pages) after the phase minus before the warm-up (median). The live clients have read everything by then, so what
  is left is the stalled clients' unread output: about 3.8 MiB per stalled client a server keeps, about 0 for one it
  has cut off (the reset frees it). Machine-wide: other programs' sockets count too.
`;
}

/** The lines of the connect figure, naming the scenarios it is quoted from. */
function connectHow(scenarios) {
  const quoted = scenarios.filter((s) => s.connectCost && !s.storm && s.clients >= 1000).map((s) => `${s.id} (${n(s.clients)} streams)`);
  return `- **CPU ms per connect**: utime+stime of the server process(es) from just before the first \`connect()\` to 0.5 s
  after the last client got its \`retry:\` frame (so work a server defers past the last registration counts too; an
  idle server spends nothing in the rest), divided by N. It is everything one stream costs to open: the TCP accept, the
  HTTP request, the route (for Herald: middleware, guards, pipes, interceptor, the Observable, the hub join and the
  presence snapshot), the headers and the \`retry:\` frame. **Connects/s of one core** = 1 s / CPU per connect: what the
  server could open if connects were all it did.${quoted.length ? ` Quoted from ${quoted.join(' and ')}; every` : ' Every'}
  scenario records it (see the details), also the storm's initial connect.
`;
}

/** The lines of the post scenario. */
function postsHow(scenarios) {
  const s = scenarios.find((x) => x.posts);
  if (!s) return '';
  return `- **${s.id}, posts**: ${n(s.clients)} subscribers, ${n(s.messages)} measured posts (after ${s.warmup} warm-up ones) with
  ${s.concurrency} in flight over keep-alive connections, ${s.payload}-character texts. **posts/s**: measured posts / time
  from the first measured POST to the last 202. **Server CPU µs per post**: server CPU over the phase (until every
  subscriber holds every message, so the fan-out to the ${n(s.clients)} subscribers is in it) / accepted posts.
  **Post round trip**: POST written → 202 read, on the generator: for \`herald-sqlite\` it includes the commit. The
  raw baselines check a post as Herald does (\`tools/bench/src/post-body.js\`: JSON content type, at most 16 KiB, one
  object with exactly \`author\` and \`text\`, strings, trimmed lengths, no control characters), give it the room's
  next id, build the same JSON and frame, keep it in the room's history and answer the same 202. With 16 in flight
  the generator's own HTTP client can be the limit for the fastest servers (gen busy near 100%): posts/s is then a
  floor, CPU per post is still the server's.
`;
}

/** The lines of the storm scenario. */
function stormHow(scenarios) {
  const s = scenarios.find((x) => x.storm);
  if (!s) return '';
  const stay = s.clients - s.storm;
  return `- **${s.id}, reconnect storm**: ${n(s.clients)} streams connect; ${s.warmup} warm-up messages reach all of them. Then the
  connections of ${n(s.storm)} of them are reset at once (RST), ${s.behind} messages are posted (only the ${n(stay)} that stayed get
  them), and every dropped client reconnects with \`Last-Event-ID\` set to the last id it received, so it is exactly
  ${s.behind} messages behind, at most 256 handshakes in flight, to the target's next URL (the other instance for
  \`herald-redis\`). From the first reconnect, posts go on at ${s.rate} msg/s. **Caught up**: from the first reconnect
  until every dropped client holds every message it missed; **all reconnected**: until every one got its \`retry:\`.
  **Server CPU** and **CPU ms per reconnect**: server CPU over the catch-up time (the reconnects, the replays, the live
  posts meanwhile and their fan-out) / dropped clients; the drops themselves are measured apart (details: drop CPU).
  **Stayed p50/p99/max**: the latency of the ${n(stay)} clients that stayed, for the posts made during the storm. After
  it, ${s.tailMessages} more posts; then every client, stayed or reconnected, must hold every message once and in order,
  checked across both of a client's connections (a message replayed twice or a live one ahead of the replay counts),
  and no \`reset\` may arrive. The raw baselines keep the same 1,000 messages of history per room and answer a
  \`Last-Event-ID\` with the frames after it in one write before any live frame, or a \`reset\` and the history when they
  do not hold the id (Herald's rule); Herald runs with \`HISTORY_LIMIT\`=1000.
`;
}

function methodText(scenarios) {
  const lead = `## How it is measured

- Load generator (\`tools/bench/src/loadgen.js\`): one fresh process per measurement, pinned to the generator core.
  It opens the N SSE connections with raw sockets (\`net.connect\`, hand-written \`GET\`; \`src/stream-pool.js\`), at
  most 256 handshakes in flight, spreading source addresses over 127.0.0.x only when one address would run out of
  ports, and parses the chunked HTTP response and the SSE frames incrementally without JSON.parse
  (\`tools/bench/src/sse-checker.js\`).
- Every server is started fresh for each measurement, on the server core; clients are split across the target's URLs
  and posts go round-robin (two URLs for \`herald-redis\`, one for the others).
- **Connect ms**: from the first \`connect()\` to the moment the last of the N clients received the \`retry:\` frame
  (i.e. the server had registered it), with at most 256 connections being set up at a time.
`;
  const phase = `- **KiB/conn idle**: server VmRSS 0.5 s after the last client connected, minus VmRSS before the first connect, divided
  by N. RSS is not garbage-collected on demand, so small N gives noisy numbers; scenario C is the one to quote.
  It holds, spread over N, what a server grows once under load, such as V8's young generation (\`new_space\` in
  \`v8.getHeapSpaceStatistics()\`, read by \`tools/bench/profile.js idle\`: the raw server's is 2 MiB before 2,000
  connects and 32 MiB after them; Herald's is 64 MiB from its start). So C opens its streams in two halves, with a
  0.5 s settle and a reading between them: **RSS per stream more** is what the second half added, divided by its
  streams (the slope, what one more stream costs). Connect ms counts both halves, not the settle between them.
  **CPU ms per connect, second half (warm)** is the CPU from that reading to 0.5 s after the last client, divided by
  the second half's streams: the connect of a server that has already opened thousands, whose JIT has compiled the
  path. A fresh process pays more for its first connects, while V8 interprets and then compiles the route's code on
  its background threads (counted: CPU is of all threads); Herald has far more code on that path than the raw
  server, so its figure over all N, from a fresh start, falls as N grows (B1-32's 5,000 against C's 10,000).
- Then warm-up messages (all delivered, not measured), then the **publish phase**: from just before the first measured
  POST to the moment the last client holds every message. Messages carry \`<seq> <publish time µs> <padding>\` as
  their text; the payload size is the text length.
- **events/s**: measured deliveries (clients × messages) / publish phase. In A it is bounded by the publish rate.
- **Server CPU µs/event**: utime+stime of the server process(es) (/proc/<pid>/stat, all threads, clock ticks of
  \`getconf CLK_TCK\`) over the publish phase, divided by measured deliveries (tick resolution: 10 ms per reading).
- **Latency**: receipt time (when the chunk was read from the socket) − publish time in the payload, both on the
  generator's clock, for every client and measured message. It includes the POST's own trip to the server.
`;
  const correctness = `- **Correctness**: each client must hold every published seq exactly once (missing, dup); event ids must
  grow strictly per client (out-of-order), and the id a client sees for a seq must be the one the POST answered and every other
  client saw ("other errors" also counts such id mismatches, unparsed frames, failed POSTs, dropped connections).
  After the phase the generator waits 0.3 s more for late duplicates. Together this means every client received
  every message once, in the server's order; with one publish in flight, or at a paced rate, that is the publish order.
`;
  const trust = `- **Medians, [min–max] and runs**: every figure is the median over the runs, with the smallest and largest run beside
  it. Each scenario has its number of runs (3; B1 5, see below; \`--runs\` sets one for all); the servers alternate
  and the order rotates each run, so a slow minute of the machine does not fall on one server's runs only. The
  run-to-run spread table gives (max − min) / median of each scenario's CPU figure.
- **What varies between runs, and why**: the CPU figures are counted on the server's own process, so other work on the
  machine moves them much less than it moves events/s and latency (other load, details). Heartbeats are off
  (\`HEARTBEAT_INTERVAL_MS\`=600000) and the bench's clients are anonymous, so no presence event is sent during a phase
  (each stream gets one \`presence\` snapshot when it joins; counted under other event types). The garbage collector is
  not the cause: profiled over 4 runs of B1 (5,000 streams, about 400 MiB RSS), it took 0.6–2.1% of Herald's CPU in
  the phase, its longest pause 38–151 ms. What dominates is the kernel: about 70% of Herald's CPU in B1 is the
  \`write(2)\` of each message to each socket, and on loopback that call also runs the receiving side's TCP work and
  wakes the generator, so its cost depends on what the other core is doing (the generator busy or asleep, other
  programs) and on the virtual machine (steal, caches), none of which the bench controls. With one publish in
  flight (B1) every message is such a round of 5,000 writes; B (8 in flight) coalesces several messages per write
  and is less exposed. Hence 5 runs for B1 and the median with its range: a single run's ratio to the baseline can
  differ from the median by the spread shown. Tick resolution is not a factor (a phase is hundreds of ticks).
- **Issue 11's "A, B1 and D8"**: there is no scenario D8; it is read as B, the burst with 8 publishes in flight (B1 is
  named after its one publish in flight, so B is "B8"): the scenario where posts overlap most with the fan-out, i.e.
  where a store that blocks the event loop would show first. \`herald-sqlite\` runs in every scenario beside \`herald\`,
  and the "SQLite store against the memory store" table puts them side by side (CPU and p99/max latency; P: posts/s
  and CPU per post; R: the storm).
- gen busy (details): generator CPU / publish phase; near 100% would mean the generator, not the server, was the limit.
- other load (details): CPU of everything else on the machine during the phase (/proc/stat busy ticks minus server and
  generator), in cores. Other work on the machine slows events/s and latency; CPU µs/event is much less sensitive to it.
`;
  return [lead, connectHow(scenarios), phase, postsHow(scenarios), stormHow(scenarios), correctness, stalledHow(scenarios), trust].join('');
}

module.exports = { methodText };
