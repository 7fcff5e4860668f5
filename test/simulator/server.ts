/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
import { randomBytes } from 'node:crypto';
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pipeline, Writable } from 'node:stream';

import { FaultBook } from './faults';
import { modelMode, modelRoute, modelTool } from './generation';
import { isVideoMode } from './generation/models';
import { resolveImageField } from './imageInput';
import { paymentLinks } from './paymentLinks';
import { checkPriceRules, taskPrice } from './prices';
import { envelope, sendFault, sendJson } from './respond';
import { bufferBody, openResult, readResultHead } from './results';
import { TOOLS, type Tool } from './tools';
import type {
	FaultRoute,
	FaultSpec,
	RequestRecord,
	ResolvedSimulatorOptions,
	ResultFile,
	SimulatorOptions,
	SubmitRecord,
	TaskOutcomeSpec,
	TaskRecord,
	WebhookDelivery,
} from './types';
import { deliverWebhook } from './webhook';

const DEFAULTS: ResolvedSimulatorOptions = {
	port: 0,
	apiKeys: ['sim-test-key'],
	taskDurationMs: 300,
	credits: { total: 1000, remaining: 1000 },
	webhookUrl: '',
	maxInFlightPerKey: 0,
	retryAfterSeconds: 1,
	resultMinBytes: 0,
	textToImageSize: 256,
	validationCode: '400',
	prices: [],
	videoBytes: 0,
	quiet: true,
};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** How much of one of its own results the simulator reads to probe it as an input image. */
const PROBE_BYTES = 1024 * 1024;

interface RouteTarget {
	route: FaultRoute;
	/** Submits: the tool path segment. */
	endpoint?: string;
	/** Model-based submits: the model ID. */
	model?: string;
}

/** A Fotor OpenAPI simulator: real HTTP on 127.0.0.1, following shared/fotor-api.md. */
export class FotorSimulator {
	options: ResolvedSimulatorOptions;
	url = '';
	port = 0;
	storageBaseUrl = '';
	credits: { total: number; remaining: number };
	submits: SubmitRecord[] = [];
	requests: RequestRecord[] = [];
	tasks = new Map<string, TaskRecord>();
	webhookDeliveries: WebhookDelivery[] = [];

	private readonly faults = new FaultBook();
	private readonly files = new Map<string, ResultFile>();
	private readonly uploads = new Map<string, { bytes?: Buffer; contentType: string; sig: string }>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly sockets = new Set<Socket>();
	private readonly businessIds = new Map<string, string>();
	private readonly pendingWebhooks = new Set<Promise<void>>();
	private server: Server | undefined;
	/** Set by close(): a restart still waiting out its downtime must not listen again. */
	private closed = false;

	constructor(options: SimulatorOptions = {}) {
		if (options.prices) checkPriceRules(options.prices);
		this.options = { ...DEFAULTS, ...options, credits: { ...(options.credits ?? DEFAULTS.credits) } };
		this.credits = { ...this.options.credits };
	}

	async listen(): Promise<void> {
		this.closed = false;
		const server = createServer((req, res) => void this.handle(req, res));
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.port || this.options.port, '127.0.0.1', () => resolve());
		});
		this.server = server;
		this.port = (server.address() as AddressInfo).port;
		this.url = `http://127.0.0.1:${this.port}`;
		this.storageBaseUrl = `${this.url}/cdn`;
	}

	configure(partial: Partial<SimulatorOptions>): void {
		if (partial.prices) checkPriceRules(partial.prices);
		Object.assign(this.options, partial);
		if (partial.credits) this.credits = { ...partial.credits };
	}

	injectFault(fault: FaultSpec): void {
		this.faults.faults.push({ ...fault });
	}

	injectTaskOutcome(outcome: TaskOutcomeSpec): void {
		this.faults.outcomes.push({ ...outcome });
	}

	clearFaults(): void {
		this.faults.clear();
	}

	reset(): void {
		this.clearFaults();
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.submits = [];
		this.requests = [];
		this.tasks.clear();
		this.webhookDeliveries = [];
		this.files.clear();
		this.uploads.clear();
		this.options = { ...DEFAULTS, port: this.options.port, quiet: this.options.quiet };
		this.credits = { ...DEFAULTS.credits };
	}

	expireResults(): void {
		this.files.clear();
	}

	/** Stops listening (connections are refused) for `downMs`, then listens on the same port; state is kept. */
	async restart(downMs = 200): Promise<void> {
		await this.stopListening();
		await new Promise((resolve) => setTimeout(resolve, downMs));
		if (!this.closed) await this.listen();
	}

	async close(): Promise<void> {
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		await this.stopListening();
		await Promise.all(this.pendingWebhooks);
	}

	async waitForWebhookDeliveries(count: number, timeoutMs = 10_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (this.webhookDeliveries.filter((d) => d.status !== undefined || d.error !== undefined).length < count) {
			if (Date.now() > deadline) throw new Error(`expected ${count} webhook deliveries, got ${this.webhookDeliveries.length}`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}

	/** Snapshot for the HTTP control API. */
	state() {
		return {
			submits: this.submits,
			requests: this.requests,
			tasks: [...this.tasks.values()].map((task) => ({
				...this.taskData(task),
				endpoint: task.endpoint,
				...(task.model !== undefined && { model: task.model }),
				completesAt: task.completesAt,
			})),
			webhookDeliveries: this.webhookDeliveries,
			credits: this.credits,
		};
	}

	private async stopListening(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server) return;
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	private log(line: string) {
		if (!this.options.quiet) console.log(line);
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.url);
		const method = req.method ?? 'GET';
		const record: RequestRecord = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0, at: Date.now() };
		this.requests.push(record);
		res.on('finish', () => {
			record.status = res.statusCode;
			this.log(`${method} ${url.pathname} -> ${res.statusCode}`);
		});
		let body: Buffer;
		try {
			body = await this.readBody(req);
		} catch {
			return sendJson(res, 413, envelope(null, '413', 'Request body too large'));
		}
		try {
			await this.route(method, url, req, res, body);
		} catch (error) {
			if (!res.headersSent) sendJson(res, 500, envelope(null, '500', `simulator error: ${(error as Error).message}`));
		}
	}

	private readBody(req: IncomingMessage): Promise<Buffer> {
		return new Promise((resolve, reject) => {
			const chunks: Buffer[] = [];
			let size = 0;
			req.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > MAX_BODY_BYTES) reject(new Error('too large'));
				else chunks.push(chunk);
			});
			req.on('end', () => resolve(Buffer.concat(chunks)));
			req.on('error', reject);
		});
	}

	private routeOf(method: string, path: string): RouteTarget | undefined {
		const modelBased = method === 'POST' ? modelRoute(path) : undefined;
		if (modelBased) return { route: 'submit', ...modelBased };
		if (method === 'POST' && /^\/v1\/aiart\/[a-z0-9]+$/.test(path) && path.split('/')[3] in TOOLS) {
			return { route: 'submit', endpoint: path.split('/')[3] };
		}
		if (method === 'GET' && path.startsWith('/v1/aiart/tasks/')) return { route: 'task' };
		if (method === 'GET' && path === '/v1/credits') return { route: 'credits' };
		if (method === 'GET' && path === '/v1/payment/links') return { route: 'paymentLinks' };
		if (method === 'GET' && path === '/v1/aiart/credentials') return { route: 'tempToken' };
		if (method === 'GET' && path === '/v1/upload/sign') return { route: 'uploadSign' };
		if (method === 'PUT' && path.startsWith('/upload/')) return { route: 'uploadPut' };
		if (method === 'GET' && (path.startsWith('/cdn/') || path.startsWith('/files/'))) return { route: 'download' };
		return undefined;
	}

	private async route(method: string, url: URL, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
		const path = url.pathname;
		if (path.startsWith('/__sim/')) return this.control(method, path, res, body);
		const target = this.routeOf(method, path);
		if (!target) return sendJson(res, 404, envelope(null, '404', `No route ${method} ${path}`));

		const apiKey = this.apiKeyOf(req);
		const needsAuth = target.route !== 'download' && target.route !== 'uploadPut';
		if (needsAuth && !apiKey) {
			return sendJson(res, 401, envelope(null, '401', 'Unauthorized: missing or invalid API key'));
		}

		const fault = this.faults.takeFault(target.route, { ...target, text: `${url.pathname}${url.search} ${body.toString('utf8', 0, 65536)}` });
		if (fault?.kind === 'resetBeforeProcessing') return void req.socket.destroy();
		if (fault && fault.kind !== 'resetAfterProcessing' && fault.kind !== 'slow') return sendFault(res, fault);
		if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
		const reply = fault?.kind === 'resetAfterProcessing' ? this.dropReply(req) : res;

		switch (target.route) {
			case 'submit':
				return this.submit(target, path, apiKey ?? '', body, reply);
			case 'task':
				return this.getTask(decodeURIComponent(path.slice('/v1/aiart/tasks/'.length).replace(/\/$/, '')), apiKey ?? '', reply);
			case 'credits':
				return sendJson(reply, 200, envelope({ businessId: this.businessId(apiKey ?? ''), ...this.credits }));
			case 'paymentLinks':
				return sendJson(reply, 200, envelope(paymentLinks(this.url)));
			case 'tempToken':
				return this.tempToken(url, reply);
			case 'uploadSign':
				return this.uploadSign(url, reply);
			case 'uploadPut':
				return this.uploadPut(url, req, body, reply);
			default:
				return this.download(path, reply);
		}
	}

	/** A response object whose reply is replaced by a dropped connection (request processed, reply lost). */
	private dropReply(req: IncomingMessage): ServerResponse {
		const sink = new Writable({
			write: (_chunk, _encoding, callback) => {
				req.socket.destroy();
				callback(new Error('reply dropped')); // also stops a streamed body
			},
			final: (callback) => {
				req.socket.destroy();
				callback();
			},
		});
		sink.on('error', () => undefined);
		return Object.assign(sink, { writeHead: () => sink, headersSent: false }) as unknown as ServerResponse;
	}

	private apiKeyOf(req: IncomingMessage): string | undefined {
		const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
		const key = match?.[1].trim();
		return key && this.options.apiKeys.includes(key) ? key : undefined;
	}

	private businessId(apiKey: string): string {
		if (!this.businessIds.has(apiKey)) this.businessIds.set(apiKey, hex(16));
		return this.businessIds.get(apiKey) ?? '';
	}

	private async readLocal(url: URL): Promise<Buffer | undefined> {
		if (url.port === String(this.port)) {
			const path = url.pathname;
			const file = path.startsWith('/cdn/') ? this.files.get(path.slice(5)) : undefined;
			if (file) return await readResultHead(file, PROBE_BYTES);
			if (path.startsWith('/files/')) return this.uploads.get(path.slice(7))?.bytes;
			return undefined;
		}
		return await new Promise((resolve) => {
			const req = get(url, { timeout: 5000 }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => resolve(res.statusCode === 200 ? Buffer.concat(chunks) : undefined));
			});
			req.on('timeout', () => req.destroy());
			req.on('error', () => resolve(undefined));
		});
	}

	private async submit(target: RouteTarget, path: string, apiKey: string, raw: Buffer, res: ServerResponse): Promise<void> {
		const endpoint = target.endpoint ?? '';
		const { model } = target;
		const record: SubmitRecord = {
			endpoint,
			path,
			...(model !== undefined && { model, mode: modelMode(endpoint, undefined) }),
			body: undefined,
			apiKey,
			accepted: false,
			httpStatus: 0,
			at: Date.now(),
		};
		this.submits.push(record);
		const refuse = (status: number, code: string, msg: string, headers?: Record<string, string>) => {
			record.httpStatus = status;
			sendJson(res, status, envelope(null, code, msg), headers);
		};
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
			record.body = body;
			if (model !== undefined) record.mode = modelMode(endpoint, body);
			if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
		} catch {
			return refuse(400, this.options.validationCode, 'Request body must be a JSON object');
		}
		const tool: Tool = model === undefined ? TOOLS[endpoint] : modelTool(endpoint, model);
		const plan = await tool(
			body,
			async (field, value = body[field]) => {
				const resolved = await resolveImageField(field, value, (url) => this.readLocal(url));
				return resolved.ok ? resolved.info : resolved.error;
			},
			{ resultMinBytes: this.options.resultMinBytes, textToImageSize: this.options.textToImageSize, videoBytes: this.options.videoBytes },
		);
		if (typeof plan === 'string') return refuse(400, this.options.validationCode, plan);
		const images = plan.avatarTemplates?.reduce((sum, template) => sum + template.num, 0) ?? 1;
		const cost = taskPrice(this.options.prices, { endpoint, model, body, builtIn: plan.cost, images });
		if (this.credits.remaining < cost) return refuse(200, '510', 'No enough credits');
		const inFlight = [...this.tasks.values()].filter((task) => task.apiKey === apiKey && task.status === 0).length;
		if (this.options.maxInFlightPerKey > 0 && inFlight >= this.options.maxInFlightPerKey) {
			return refuse(429, '429', 'Rate limit: concurrency too high, lower the submit frequency', {
				'retry-after': String(this.options.retryAfterSeconds),
			});
		}
		const outcome = this.faults.takeOutcome({ endpoint, model, text: raw.toString('utf8', 0, 65536) });
		const now = Date.now();
		const task: TaskRecord = {
			taskId: hex(16),
			apiKey,
			endpoint,
			...(model !== undefined && { model }),
			type: plan.type,
			cost,
			createdAt: now,
			completesAt: now + (outcome?.durationMs ?? this.taskDuration(endpoint)),
			outcome: { status: outcome?.status ?? 1, msg: outcome?.msg, hasHsfw: outcome?.hasHsfw },
			render: plan.render,
			status: 0,
			files: [],
			avatarTemplates: plan.avatarTemplates,
		};
		this.tasks.set(task.taskId, task);
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.finish(task);
		}, task.completesAt - now);
		timer.unref();
		this.timers.add(timer);
		record.accepted = true;
		record.taskId = task.taskId;
		record.httpStatus = 200;
		sendJson(res, 200, envelope({ taskId: task.taskId }));
	}

	/** How long a new task of this endpoint stays in status 0: its kind's duration, else taskDurationMs. */
	private taskDuration(endpoint: string): number {
		if (endpoint === 'imagegeneration') return this.options.imageGenerationDurationMs ?? this.options.taskDurationMs;
		if (isVideoMode(endpoint)) return this.options.videoDurationMs ?? this.options.taskDurationMs;
		return this.options.taskDurationMs;
	}

	/** Ends a task once: renders results, charges tokens on success, fires the webhook. */
	private finish(task: TaskRecord): void {
		if (task.status !== 0) return;
		task.status = task.outcome.status;
		task.endedAt = Date.now();
		if (task.status === 1) {
			task.files = task.render(task.taskId);
			for (const file of task.files) this.files.set(file.path, file);
			this.credits.remaining = Math.max(0, this.credits.remaining - task.cost);
		}
		if (this.options.webhookUrl) {
			const delivery = deliverWebhook(this.options.webhookUrl, this.taskData(task), this.webhookDeliveries);
			this.pendingWebhooks.add(delivery);
			void delivery.finally(() => this.pendingWebhooks.delete(delivery));
		}
	}

	private taskData(task: TaskRecord): Record<string, unknown> {
		const done = task.status !== 0;
		const url = (path: string) => `${this.storageBaseUrl}/${path}`;
		let avatarResult: unknown[] | undefined;
		if (task.endpoint === 'avatar') {
			let n = 0;
			avatarResult = (task.avatarTemplates ?? []).map((template) => ({
				templateId: template.templateId,
				images: task.status === 1
					? Array.from({ length: template.num }, () => {
							const file = task.files[n++];
							// Every second image comes back as an s3:// link, as Fotor's clients have to handle.
							const link = n % 2 === 0 ? `s3://img-pub-fotor/${file.path}` : url(file.path);
							return { id: hex(8), url: link, hasHsfw: false };
						})
					: [],
			}));
		}
		const failed = task.status >= 2;
		return {
			taskId: task.taskId,
			createTime: task.createdAt,
			updateTime: task.endedAt ?? task.createdAt,
			status: task.status,
			businessId: this.businessId(task.apiKey),
			type: task.type,
			resultUrl: task.status === 1 && task.endpoint !== 'avatar' && task.files[0] ? url(task.files[0].path) : '',
			hasHsfw: done ? task.outcome.hasHsfw === true : false,
			creditsIncrement: task.status === 1 ? task.cost : 0,
			...(failed && { msg: task.outcome.msg ?? ['', '', 'Task failed', 'Task timed out', 'Task cancelled'][task.status] }),
			...(avatarResult && { avatarResult }),
		};
	}

	private getTask(taskId: string, apiKey: string, res: ServerResponse): void {
		const task = this.tasks.get(taskId);
		if (!task || task.apiKey !== apiKey) return sendJson(res, 200, envelope(null, '999', 'Task not found'));
		if (task.status === 0 && Date.now() >= task.completesAt) this.finish(task);
		sendJson(res, 200, envelope(this.taskData(task)));
	}

	private tempToken(url: URL, res: ServerResponse): void {
		const raw = url.searchParams.get('timeout');
		const timeout = raw === null ? 3600 : Number(raw);
		if (!Number.isInteger(timeout) || timeout <= 0) {
			return sendJson(res, 400, envelope(null, this.options.validationCode, 'timeout must be a positive integer'));
		}
		sendJson(res, 200, envelope({ token: `tp_${hex(16)}`, expire: Date.now() + timeout * 1000 }));
	}

	private uploadSign(url: URL, res: ServerResponse): void {
		const type = url.searchParams.get('type') ?? '';
		const suffix = (url.searchParams.get('suffix') ?? '').toLowerCase();
		if (!['img2img', 'img_upscale', 'bg_remove', 'img2video'].includes(type)) {
			return sendJson(res, 400, envelope(null, this.options.validationCode, 'type must be img2img, img_upscale, bg_remove or img2video'));
		}
		if (!/^[a-z0-9]{2,5}$/.test(suffix)) return sendJson(res, 400, envelope(null, this.options.validationCode, 'suffix is required'));
		const name = `${hex(12)}.${suffix}`;
		const sig = hex(8);
		this.uploads.set(name, { contentType: 'application/octet-stream', sig });
		sendJson(res, 200, envelope({ upload_url: `${this.url}/upload/${name}?sig=${sig}`, url: `${this.url}/files/${name}` }));
	}

	private uploadPut(url: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
		const name = url.pathname.slice('/upload/'.length);
		const slot = this.uploads.get(name);
		if (!slot || slot.sig !== url.searchParams.get('sig')) {
			res.writeHead(403, { 'content-type': 'text/plain' });
			return void res.end('SignatureDoesNotMatch');
		}
		slot.bytes = body;
		slot.contentType = String(req.headers['content-type'] ?? 'application/octet-stream');
		res.writeHead(200);
		res.end();
	}

	/** Serves a result or an upload with an exact Content-Length; generated results are streamed as they are produced. */
	private async download(path: string, res: ServerResponse): Promise<void> {
		const file = path.startsWith('/cdn/') ? this.files.get(path.slice(5)) : undefined;
		const upload = path.startsWith('/files/') ? this.uploads.get(path.slice(7)) : undefined;
		const body = file ? await openResult(file) : upload?.bytes && bufferBody(upload.bytes);
		if (!body) {
			res.writeHead(404, { 'content-type': 'application/xml' });
			return void res.end('<Error><Code>NoSuchKey</Code></Error>');
		}
		res.writeHead(200, { 'content-type': file?.contentType ?? upload?.contentType ?? 'application/octet-stream', 'content-length': body.size });
		pipeline(body.stream, res, () => undefined); // a client that hangs up ends the stream
	}

	private control(method: string, path: string, res: ServerResponse, body: Buffer): void {
		const json = () => (body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {});
		const done = () => sendJson(res, 200, { ok: true });
		if (method === 'GET' && path === '/__sim/state') return sendJson(res, 200, this.state());
		if (method === 'POST' && path === '/__sim/configure') return (this.configure(json()), done());
		if (method === 'POST' && path === '/__sim/faults') return (this.injectFault(json() as unknown as FaultSpec), done());
		if (method === 'POST' && path === '/__sim/outcomes') return (this.injectTaskOutcome(json() as unknown as TaskOutcomeSpec), done());
		if (method === 'DELETE' && path === '/__sim/faults') return (this.clearFaults(), done());
		if (method === 'POST' && path === '/__sim/reset') return (this.reset(), done());
		if (method === 'POST' && path === '/__sim/expire-results') return (this.expireResults(), done());
		sendJson(res, 404, { ok: false, error: `unknown control route ${method} ${path}` });
	}
}
