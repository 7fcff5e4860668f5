/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface InterposerRequest {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	at: number;
}

export interface InterposerOptions {
	/** Rewrites the JSON reply of matching requests (the simulator's reply, parsed). */
	rewrite?: (path: string, body: Record<string, unknown>) => Record<string, unknown> | undefined;
	/** Answers a request itself instead of forwarding it; return true when handled. */
	intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/**
 * A loopback HTTP proxy in front of another local server (the simulator): forwards every request
 * unchanged and can rewrite a JSON reply or answer a request itself. For behaviours the simulator
 * has no switch for, while everything else stays the simulator's real behaviour.
 */
export async function startInterposer(target: string, options: InterposerOptions = {}) {
	const requests: InterposerRequest[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((req, res) => {
		requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, at: Date.now() });
		if (options.intercept?.(req, res)) return;
		const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (reply) => {
			const path = new URL(req.url ?? '/', target).pathname;
			const isJson = String(reply.headers['content-type'] ?? '').includes('application/json');
			if (!options.rewrite || !isJson) {
				res.writeHead(reply.statusCode ?? 502, reply.headers);
				reply.pipe(res);
				return;
			}
			const chunks: Buffer[] = [];
			reply.on('data', (chunk: Buffer) => chunks.push(chunk));
			reply.on('end', () => {
				const original = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
				const text = JSON.stringify(options.rewrite?.(path, original) ?? original);
				res.writeHead(reply.statusCode ?? 502, { ...reply.headers, 'content-length': String(Buffer.byteLength(text)) });
				res.end(text);
			});
		});
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

export type Interposer = Awaited<ReturnType<typeof startInterposer>>;

/** A headshot task's data with hasHsfw set on the images at these positions (in result order). */
export function flagHeadshotImages(data: Record<string, unknown>, flagged: number[]): Record<string, unknown> {
	let position = 0;
	const groups = (data.avatarResult as Array<{ images: Array<Record<string, unknown>> }> | undefined) ?? [];
	return {
		...data,
		avatarResult: groups.map((group) => ({
			...group,
			images: group.images.map((image) => ({ ...image, hasHsfw: flagged.includes(position++) })),
		})),
	};
}
