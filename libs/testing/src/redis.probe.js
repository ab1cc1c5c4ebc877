// Exits 0 when a Redis answers PING at PROBE_REDIS_URL, 1 otherwise (run by redisAvailable()).
const { connect } = require('node:net');

const { hostname, port } = new URL(process.env.PROBE_REDIS_URL);
const socket = connect(Number(port || 6379), hostname);
const done = (ok) => {
  socket.destroy();
  process.exit(ok ? 0 : 1);
};
socket.setTimeout(1000, () => done(false));
socket.once('error', () => done(false));
socket.once('connect', () => socket.write('PING\r\n'));
socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
