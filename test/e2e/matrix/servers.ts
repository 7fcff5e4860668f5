/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { renderImage, type FotorSimulator } from '../../simulator';

/** One request seen by a test server: enough to prove that no API key left for a non-Fotor URL. */
export interface SeenRequest {
	server: 'images' | 'cdn' | 'simulator';
	method: string;
	path: string;
	authorization: boolean;
	at: number;
}

/** Size of the input picture of item `i`: every item differs, so results map back to their item. */
export const itemSize = (i: number) => ({ width: 40 + 8 * i, height: 30 });

/** The PNG of item `i` (URL input, Code-node binary and stored binary all use it). */
export const itemPng = (i: number) => renderImage({ format: 'png', ...itemSize(i), seed: i });

interface Listening {
	url: string;
	close(): Promise<void>;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listening> {
	const sockets = new Set<Socket>();
	const server: Server = createServer(handler);
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * The "public internet" of a cell: an image host for URL inputs (`/img/<i>.png`, `/missing/<i>.png`
 * answers 404) and a CDN in front of the simulator's result files (a host of its own, as Fotor's is),
 * whose answers a cell can slow down or break. Every request's Authorization header is recorded, and
 * so is every request the simulator gets (its own log has no headers).
 */
export class OutsideWorld {
	seen: SeenRequest[] = [];
	/** CDN behaviour: added latency, or a status to answer instead of the file. */
	cdn = { delayMs: 0, failStatus: 0 };
	imagesUrl = '';
	cdnUrl = '';
	private servers: Listening[] = [];

	static async start(sim: FotorSimulator): Promise<OutsideWorld> {
		const world = new OutsideWorld();
		await world.listen(sim);
		return world;
	}

	private record(server: SeenRequest['server'], req: IncomingMessage) {
		this.seen.push({
			server,
			method: req.method ?? 'GET',
			path: (req.url ?? '/').split('?')[0],
			authorization: req.headers.authorization !== undefined,
			at: Date.now(),
		});
	}

	private async listen(sim: FotorSimulator) {
		const images = await listen((req, res) => {
			this.record('images', req);
			const match = /^\/img\/(\d+)\.png/.exec(req.url ?? '');
			if (!match) {
				res.writeHead(404, { 'content-type': 'text/plain' });
				return void res.end('not found');
			}
			const bytes = itemPng(Number(match[1]));
			res.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length });
			res.end(bytes);
		});
		const cdn = await listen((req, res) => {
			this.record('cdn', req);
			const { delayMs, failStatus } = this.cdn;
			const answer = () => {
				if (failStatus) {
					res.writeHead(failStatus, { 'content-type': 'text/plain' });
					return void res.end('cdn failure');
				}
				// The simulator keeps result files under /cdn/<path>; forward the request there.
				const upstream = get(`${sim.url}${req.url ?? '/'}`, (reply) => {
					res.writeHead(reply.statusCode ?? 502, { 'content-type': reply.headers['content-type'] ?? 'application/octet-stream' });
					reply.pipe(res);
				});
				upstream.on('error', () => {
					if (!res.headersSent) res.writeHead(502);
					res.end();
				});
			};
			if (delayMs) setTimeout(answer, delayMs).unref();
			else answer();
		});
		this.servers = [images, cdn];
		this.imagesUrl = images.url;
		this.cdnUrl = `${cdn.url}/cdn`;
		// Result links point at this CDN instead of the simulator's own /cdn.
		sim.storageBaseUrl = this.cdnUrl;
		// The simulator's request log has no headers: record them on the way in.
		const target = sim as unknown as { handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> };
		const handle = target.handle.bind(sim);
		target.handle = async (req, res) => {
			this.record('simulator', req);
			return await handle(req, res);
		};
	}

	reset(): void {
		this.seen = [];
		this.cdn = { delayMs: 0, failStatus: 0 };
	}

	async close(): Promise<void> {
		await Promise.all(this.servers.map(async (server) => await server.close()));
	}
}
