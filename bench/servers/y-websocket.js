/**
 * The reference y-websocket backend, as its own server.js runs it: `setupWSConnection`
 * from @y/websocket-server with its LevelDB persistence, which utils.js switches on when
 * YPERSISTENCE names a directory. Two additions for measuring, neither changing behaviour:
 * a timer around the persistence's `bindState` (loading a document from LevelDB into the
 * live doc), answered at GET /load-times, and closing LevelDB on SIGTERM so that writes
 * still queued reach the disk before a restart.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { getPersistence, setupWSConnection } from '@y/websocket-server/utils';

const loadTimes = [];
const persistence = getPersistence();
if (persistence) {
  const bindState = persistence.bindState;
  persistence.bindState = async (name, doc) => {
    const t0 = performance.now();
    await bindState(name, doc);
    loadTimes.push({ doc: name, ms: performance.now() - t0 });
  };
}

const server = http.createServer((req, res) => {
  if (req.url === '/load-times') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify(loadTimes));
  }
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', async () => {
  await persistence?.provider.destroy();
  process.exit(0);
});
