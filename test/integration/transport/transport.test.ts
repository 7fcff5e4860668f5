import { runNode } from '../../harness/runNode';
import { envelope, startScriptedServer, type Step } from './scriptedServer';

const API_KEY = ['transport', 'test', 'key', '42'].join('-');
const CREDITS = envelope({ businessId: '', total: 10, remaining: 7 });
const SUBMITTED = envelope({ taskId: 'e0dc194703174b6eafeacb4ee8e02850' });
const PNG_1PX =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('shared transport, through n8n-core against a scripted loopback server', () => {
	let server: Awaited<ReturnType<typeof startScriptedServer>>;
	beforeAll(async () => (server = await startScriptedServer()));
	afterAll(async () => await server.close());

	const credentials = () => ({ apiKey: API_KEY, environment: 'custom', customBaseUrl: `${server.url}/` });

	async function getCredits(steps: Step[]) {
		server.script(steps);
		return await runNode({ parameters: { resource: 'account', operation: 'getCredits' }, credentials: credentials() });
	}

	async function submitUpscale(steps: Step[]) {
		server.script(steps);
		return await runNode({
			parameters: {
				resource: 'image',
				operation: 'upscale',
				imageSource: 'base64',
				imageBase64: PNG_1PX,
				waitForCompletion: false,
				options: { requestTimeout: 1 },
			},
			credentials: credentials(),
		});
	}

	it('sends Bearer auth, its own User-Agent and JSON, and returns the envelope data', async () => {
		const result = await getCredits([{ status: 200, body: CREDITS }]);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ total: 10, remaining: 7, used: 3, businessId: '' });
		const [request] = server.requests;
		expect(request.url).toBe('/v1/credits');
		expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(request.headers['user-agent']).toMatch(/^n8n-nodes-fotor/);
		expect(request.headers.accept).toBe('application/json');
	});

	it('has n8n decrypt the credential once per run, and still authenticates every request through n8n', async () => {
		server.script(Array.from({ length: 12 }, () => ({ status: 200, body: CREDITS })));
		const result = await runNode({
			parameters: { resource: 'account', operation: 'getCredits' },
			items: Array.from({ length: 12 }, () => ({ json: {} })),
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(12);
		expect(server.requests.map((request) => request.headers.authorization)).toEqual(Array(12).fill(`Bearer ${API_KEY}`));
		expect(result.credentialDecryptions).toBe(1);
	});

	it('retries a read after 5xx and a dropped connection, then succeeds', async () => {
		const result = await getCredits([
			{ status: 503, body: '<html>busy</html>' },
			{ reset: true },
			{ status: 502, body: '' },
			{ status: 200, body: CREDITS },
		]);
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(4);
	});

	it('gives up on a read after the retry budget with an actionable error', async () => {
		const result = await getCredits([
			{ status: 500, body: '' },
			{ status: 500, body: '' },
			{ status: 500, body: '' },
			{ status: 500, body: '' },
			{ status: 200, body: CREDITS },
		]);
		expect(server.requests).toHaveLength(4);
		expect(result.error?.message).toMatch(/server error/);
		expect(result.error?.description).toMatch(/Tried 4 times/);
	});

	it('honours Retry-After on 429', async () => {
		const started = Date.now();
		const result = await getCredits([
			{ status: 429, body: envelope(null, '429', 'Rate limit'), headers: { 'retry-after': '1' } },
			{ status: 200, body: CREDITS },
		]);
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	it.each([
		['HTTP 401', { status: 401, body: envelope(null, '401', 'Unauthorized') }, /rejected the API key/],
		['Cloudflare 1010', { status: 403, body: '<html>error code: 1010</html>' }, /Cloudflare error 1010/],
		['code 510', { status: 200, body: envelope(null, '510', 'No enough credits') }, /Not enough Fotor tokens/],
		['HTTP 400', { status: 400, body: envelope(null, '400', 'upscaling_resize must be 2 or 4') }, /upscaling_resize must be 2 or 4/],
		['code 999 at HTTP 200', { status: 200, body: envelope(null, '999', 'Unknown error') }, /Unknown error/],
	])('does not repeat a request refused with %s', async (_name, step, message) => {
		const result = await getCredits([step as Step, { status: 200, body: CREDITS }]);
		expect(server.requests).toHaveLength(1);
		expect(result.error?.message).toMatch(message);
	});

	it.each([
		['HTTP 500', { status: 500, body: '' }],
		['HTTP 502 HTML page', { status: 502, body: '<html>Bad gateway</html>' }],
		['a dropped connection', { reset: true }],
		['malformed JSON', { status: 200, body: '{"code":"000","data":{"taskId"' }],
		['a reply slower than the timeout', { delayMs: 1500, status: 200, body: SUBMITTED }],
	])('never repeats a billable submit after %s, and says so', async (_name, step) => {
		const result = await submitUpscale([step as Step, { status: 200, body: SUBMITTED }]);
		expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(result.error?.message).toMatch(/may or may not have been created/);
		expect(result.error?.description).toMatch(/never charged twice/);
	});

	it('repeats a submit that Fotor refused with 429, then returns the task id', async () => {
		const result = await submitUpscale([
			{ status: 429, body: envelope(null, '429', 'concurrency too high'), headers: { 'retry-after': '0' } },
			{ status: 200, body: SUBMITTED },
		]);
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(result.items[0].json).toMatchObject({ taskId: 'e0dc194703174b6eafeacb4ee8e02850', status: 'processing' });
		expect(JSON.parse(server.requests[1].body)).toMatchObject({ upscaling_resize: 2, userImageUrl: `data:image/png;base64,${PNG_1PX}` });
	});

	it('never puts the API key into errors or output', async () => {
		const echo = envelope(null, '400', `bad key Bearer ${API_KEY} and ${API_KEY}`);
		const result = await getCredits([{ status: 400, body: echo }]);
		const everything = JSON.stringify({ error: result.error, message: result.error?.message, description: result.error?.description, run: result.run });
		expect(everything).toContain('[redacted]');
		expect(everything).not.toContain(API_KEY);
	});
});
