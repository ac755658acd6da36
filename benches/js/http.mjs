// make bench, section h: requests/s of a node:http server whose listener is the package's
// createNodeMiddleware (reads the body with the cap, verifies, dispatches, answers) against the
// same server answering 200 after reading the body without verifying. Loopback; the server runs
// in a child process, the client here (node:http Agent, keepAlive, CONNECTIONS sockets, one
// request in flight on each). Both servers run side by side; rounds alternate
// baseline / middleware (ABBA order); each is bounded in time
// (BENCH_HTTP_SECONDS, default 1.5) and in count (BENCH_HTTP_MAX, default 300000 requests).
// Reports the median of BENCH_HTTP_ROUNDS (default 6) rounds and the overhead
// 1 - middleware/baseline (goal <= 10 %). No assertion: a figure, not a test.
//   node http.mjs            (from build/bench, where the packed package is installed)
import { fork } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { BODIES, int, mark, median, pick, save } from './bench-util.mjs';

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS || 1.5);
const MAX = Number(process.env.BENCH_HTTP_MAX || 300000);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS || 6);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS || 16);
const GOAL = 0.1;

// --- child: one server, mode from argv, port sent to the parent ---
if (process.argv[2] === 'serve') {
  const mode = process.argv[3];
  const { key, now } = JSON.parse(process.argv[4]);
  let listener;
  if (mode === 'baseline') {
    listener = (req, res) => {
      req.on('data', () => {});
      req.on('end', () => {
        res.statusCode = 200;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end('ok');
      });
    };
  } else {
    const { createNodeMiddleware } = await import('huaweicloud-live-callback');
    listener = createNodeMiddleware({ key, now }, () => {});
  }
  const server = createServer({ keepAliveTimeout: 60000 }, listener);
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', (m) => {
    if (m === 'cpu') process.send({ cpu: process.cpuUsage() });
    if (m === 'stop') {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    }
  });
} else {
  await main();
}

function startServer(mode, vector) {
  return new Promise((resolve, reject) => {
    const child = fork(
      fileURLToPath(import.meta.url),
      ['serve', mode, JSON.stringify({ key: vector.key, now: vector.now })],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    child.once('message', ({ port }) => resolve({ child, url: `http://127.0.0.1:${port}/` }));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

function stopServer(child) {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.send('stop');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** CONNECTIONS loops, each posting `body` back to back, for SECONDS or MAX requests in all. */
async function round(url, body) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  };
  let done = 0;
  let bad = 0;
  const one = () =>
    new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', agent, headers }, (res) => {
        if (res.statusCode !== 200) bad++;
        res.on('data', () => {});
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
  // Warm-up: 2,000 requests, not counted.
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let i = 0; i < 2000 / CONNECTIONS; i++) await one();
    }),
  );
  bad = 0;
  const t0 = process.hrtime.bigint();
  const until = t0 + BigInt(Math.round(SECONDS * 1e9));
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (done < MAX && process.hrtime.bigint() < until) {
        await one();
        done++;
      }
    }),
  );
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  return { rps: done / secs, done, bad, secs };
}

/** The server process's CPU time so far, in microseconds (user + system). */
function cpuOf(child) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m?.cpu) {
        child.off('message', on);
        resolve(m.cpu.user + m.cpu.system);
      }
    };
    child.on('message', on);
    child.send('cpu');
  });
}

async function main() {
  const vector = pick(BODIES[0].name, BODIES[0].bytes);
  console.log(
    `node:http on 127.0.0.1, ${BODIES[0].label}, ${CONNECTIONS} keep-alive connections, ${ROUNDS} rounds of ${SECONDS} s (at most ${int(MAX)} requests) each, alternating`,
  );
  const servers = {};
  const figures = { baseline: [], middleware: [] };
  const cpu = { baseline: [], middleware: [] };
  let bad = 0;
  try {
    for (const mode of ['baseline', 'middleware']) servers[mode] = await startServer(mode, vector);
    for (let r = 0; r < ROUNDS; r++) {
      for (const mode of r % 2 ? ['middleware', 'baseline'] : ['baseline', 'middleware']) {
        const { child, url } = servers[mode];
        const c0 = await cpuOf(child);
        const x = await round(url, vector.body);
        const c1 = await cpuOf(child);
        figures[mode].push(x.rps);
        // Server CPU per request (warm-up included in both the time and the count).
        cpu[mode].push((c1 - c0) / (x.done + 2000));
        bad += x.bad;
        console.log(
          `  round ${r + 1} ${mode.padEnd(10)} ${int(x.rps).padStart(8)} requests/s (${int(x.done)} in ${x.secs.toFixed(2)} s${x.bad ? `, ${x.bad} not 200` : ''}), server CPU ${((c1 - c0) / (x.done + 2000)).toFixed(1)} µs/request`,
        );
      }
    }
  } finally {
    for (const s of Object.values(servers)) await stopServer(s.child);
  }
  const base = median(figures.baseline);
  const mw = median(figures.middleware);
  const overhead = 1 - mw / base;
  const cpuBase = median(cpu.baseline);
  const cpuMw = median(cpu.middleware);
  console.log(
    `  median: baseline ${int(base)} requests/s, createNodeMiddleware ${int(mw)} requests/s (ratio ${(mw / base).toFixed(3)})`,
  );
  console.log(
    `  overhead of reading with the cap + verifying + dispatching: ${(overhead * 100).toFixed(1)} % of requests/s${bad ? `; ${bad} answers were not 200` : ''}`,
  );
  console.log(
    `  server CPU per request: baseline ${cpuBase.toFixed(1)} µs, createNodeMiddleware ${cpuMw.toFixed(1)} µs (+${(cpuMw - cpuBase).toFixed(1)} µs, x${(cpuMw / cpuBase).toFixed(2)}); the client shares the machine, so requests/s moves less than server CPU`,
  );
  console.log(
    `  load average: ${(await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (figures from a loaded machine are noise)`,
  );
  console.log('\ntargets (http):');
  const met = overhead <= GOAL && bad === 0;
  console.log(
    `  createNodeMiddleware costs <= 10 % of a bare node:http server's requests/s: ${(overhead * 100).toFixed(1)} %  ${mark(met)}`,
  );
  save(
    'http',
    [
      {
        name: "HTTP: createNodeMiddleware costs <= 10 % of a bare node:http server's requests/s (loopback, keep-alive)",
        figure: `${(overhead * 100).toFixed(1)} % (${int(mw)} vs ${int(base)} requests/s; server CPU ${cpuMw.toFixed(1)} vs ${cpuBase.toFixed(1)} µs/request)`,
        met,
      },
    ],
    { figures, cpu, bad, connections: CONNECTIONS, seconds: SECONDS },
  );
}
