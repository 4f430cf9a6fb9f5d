// Static server for the demo page and the browser tests: www/ at "/", the npm package at
// "/pkg/", the example plan and snapshot (top-level examples/) at "/examples/". Listens on 127.0.0.1 only. Usage: node www/serve.mjs [--port 8080]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const mounts = [
  ['/pkg/', join(root, 'pkg')],
  ['/examples/', join(root, 'examples')],
  ['/', join(root, 'www')],
];
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.ts': 'text/plain; charset=utf-8',
};

// Everything served here is text or WebAssembly, which compress well (the wasm by about 2/3).
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.ts']);
const gzipCache = new Map();

/** The file's gzip encoding, computed once per file version. */
function gzipped(file, body, mtimeMs) {
  const hit = gzipCache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.gz;
  const gz = gzipSync(body, { level: 9 });
  gzipCache.set(file, { mtimeMs, gz });
  return gz;
}

/** Whether the request's Accept-Encoding allows gzip (and does not refuse it with q=0). */
export function acceptsGzip(header = '') {
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && !(q && Number(q.slice(2)) === 0);
  });
}

/** Maps a URL path to a file below one of the mounts, or null (never outside them). */
function fileFor(urlPath) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    let rel = decodeURIComponent(urlPath.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = resolve(dir, normalize(rel));
    return file === dir || file.startsWith(dir + sep) ? file : null;
  }
  return null;
}

/** Starts the server; resolves to { url, close() }. Port 0 picks a free port; `compress: false`
 * serves everything as it is (a baseline for bench/slow-link.mjs). */
export function startServer({ port = 8080, host = '127.0.0.1', compress = true } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url, 'http://localhost').pathname;
      const file = fileFor(path);
      const info = file ? await stat(file) : null;
      if (!info?.isFile()) throw Object.assign(new Error(), { code: 'ENOENT' });
      let body = await readFile(file);
      const headers = {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      };
      if (compress && compressible.has(extname(file))) {
        headers.vary = 'accept-encoding';
        if (acceptsGzip(req.headers['accept-encoding'])) {
          body = gzipped(file, body, info.mtimeMs);
          headers['content-encoding'] = 'gzip';
        }
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      const notFound = err.code === 'ENOENT' || err instanceof URIError;
      res.writeHead(notFound ? 404 : 500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(notFound ? 'not found\n' : 'server error\n');
    }
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      resolveStart({
        url: `http://${host}:${bound}/`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: --port must be a number from 0 to 65535, got ${process.argv[at + 1]}`);
    process.exit(2);
  }
  startServer({ port }).then(
    ({ url }) => console.log(`Demo page: ${url}  (Ctrl-C to stop)`),
    (err) => {
      console.error(`serve: cannot listen on 127.0.0.1:${port}: ${err.message}`);
      process.exit(1);
    },
  );
}
