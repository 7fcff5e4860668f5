/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One scripted reply: a status with a body, a dropped connection, or a reply that never comes in time. */
export type Step =
	| { status: number; body: string; headers?: Record<string, string> }
	| { reset: true }
	| { delayMs: number; status: number; body: string };

export interface RecordedRequest {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

/**
 * A loopback HTTP server that answers each request with the next scripted step, so a test
 * can state an exact sequence (503, 503, 200) and count what the transport sent.
 */
export async function startScriptedServer() {
	let steps: Step[] = [];
	const requests: RecordedRequest[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			const step = steps.shift() ?? { status: 500, body: '{"code":"999","msg":"script exhausted"}' };
			if ('reset' in step) {
				req.socket.destroy();
				return;
			}
			const reply = () => {
				res.writeHead(step.status, { 'content-type': 'application/json', ...('headers' in step ? step.headers : {}) });
				res.end(step.body);
			};
			if ('delayMs' in step) setTimeout(reply, step.delayMs);
			else reply();
		});
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		requests,
		script(next: Step[]) {
			steps = [...next];
			requests.length = 0;
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

export const envelope = (data: unknown, code = '000', msg = 'success') => JSON.stringify({ code, msg, data });
