// h2server.js: an HTTP/2 TLS test server on 127.0.0.1 that counts
// connections and concurrent streams, for tests/net_check.py and ci/bench.
// SPDX-License-Identifier: MIT
//
// Usage: node h2server.js CERT KEY BODY DELAY_MS MAX_STREAMS
//
// Listens on 127.0.0.1 on an ephemeral port (HTTP/2 only, offered through
// ALPN) and prints {"port": N} on one line. Every path answers 200 with
// BODY (a file) as image/png after DELAY_MS. SETTINGS_MAX_CONCURRENT_STREAMS
// is MAX_STREAMS. When standard input closes, it prints what it saw as one
// line of JSON and exits: connections opened, requests by "METHOD path",
// connections open at once at the most, the most streams open at once
// on one connection and on all of them.
'use strict';

const fs = require('fs');
const http2 = require('http2');

const [cert, key, bodyFile, delayArg, maxArg] = process.argv.slice(2);
const body = fs.readFileSync(bodyFile);
const delay = Number(delayArg);
const stats = {connections: 0, peak_connections: 0, requests: {},
	peak_streams: 0, peak_streams_per_connection: 0};
let open = 0;
let sessions = 0;

const server = http2.createSecureServer({
	cert: fs.readFileSync(cert),
	key: fs.readFileSync(key),
	allowHTTP1: false,
	settings: {maxConcurrentStreams: Number(maxArg)},
});

server.on('session', (session) => {
	stats.connections++;
	sessions++;
	stats.peak_connections = Math.max(stats.peak_connections, sessions);
	session.openStreams = 0;
	session.on('close', () => {
		sessions--;
	});
});

server.on('stream', (stream, headers) => {
	const session = stream.session;
	const what = headers[':method'] + ' ' + headers[':path'];

	stats.requests[what] = (stats.requests[what] || 0) + 1;
	open++;
	session.openStreams++;
	stats.peak_streams = Math.max(stats.peak_streams, open);
	stats.peak_streams_per_connection = Math.max(
		stats.peak_streams_per_connection, session.openStreams);
	stream.on('close', () => {
		open--;
		session.openStreams--;
	});
	setTimeout(() => {
		if (stream.destroyed) {
			return;
		}
		stream.respond({':status': 200, 'content-type': 'image/png',
			'content-length': body.length});
		stream.end(headers[':method'] === 'HEAD' ? undefined : body);
	}, delay);
});

server.listen(0, '127.0.0.1', () => {
	process.stdout.write(JSON.stringify({port: server.address().port}) +
		'\n');
});

process.stdin.resume();
process.stdin.on('end', () => {
	process.stdout.write(JSON.stringify(stats) + '\n', () => {
		process.exit(0);
	});
});
