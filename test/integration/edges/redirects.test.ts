import { runNode } from '../../harness/runNode';
import { envelope, startScriptedServer } from '../transport/scriptedServer';

const API_KEY = ['redirect', 'test', 'key', '7'].join('-');
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/**
 * A Custom Base URL whose server answers with a redirect to another origin (a second loopback
 * server on another port). The node must not follow it: the API key would travel with it.
 */
describe('redirects from the API host', () => {
	let api: Awaited<ReturnType<typeof startScriptedServer>>;
	let elsewhere: Awaited<ReturnType<typeof startScriptedServer>>;
	beforeAll(async () => {
		[api, elsewhere] = await Promise.all([startScriptedServer(), startScriptedServer()]);
	});
	afterAll(async () => await Promise.all([api.close(), elsewhere.close()]));

	const credentials = () => ({ apiKey: API_KEY, environment: 'custom', customBaseUrl: api.url });
	const everything = (result: Awaited<ReturnType<typeof runNode>>) =>
		JSON.stringify({ message: result.error?.message, description: result.error?.description, error: result.error, items: result.items });

	it.each([
		['GET (Account → Get Credits) answered 302', 302, { resource: 'account', operation: 'getCredits' }],
		[
			'a billable POST (Upscale submit) answered 307',
			307,
			{ resource: 'image', operation: 'upscale', imageSource: 'base64', imageBase64: PNG_1PX, waitForCompletion: false },
		],
	])('%s: the other origin never sees the key, and the error names the redirect target', async (_name, status, parameters) => {
		api.script([{ status, body: '', headers: { location: `${elsewhere.url}/v1/steal?from=fotor` } }]);
		elsewhere.script([
			{ status: 200, body: envelope({ businessId: '', total: 1, remaining: 1 }) },
			{ status: 200, body: envelope({ taskId: 'e0dc194703174b6eafeacb4ee8e02850' }) },
		]);

		const result = await runNode({ parameters, credentials: credentials() });

		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(elsewhere.requests.filter((request) => request.headers.authorization !== undefined)).toEqual([]);
		expect(elsewhere.requests).toHaveLength(0); // not followed at all
		expect(result.error?.message).toBe(`Fotor answered with a redirect to ${elsewhere.url}`);
		expect(result.error?.description).toMatch(/does not follow redirects/);
		expect(result.error?.description).toContain(`HTTP ${status}`);
		expect(everything(result)).not.toContain(API_KEY);
	});

	it('a redirect within the same host is reported too, not followed', async () => {
		api.script([
			{ status: 301, body: '', headers: { location: '/v2/credits' } },
			{ status: 200, body: envelope({ businessId: '', total: 1, remaining: 1 }) },
		]);
		const result = await runNode({ parameters: { resource: 'account', operation: 'getCredits' }, credentials: credentials() });

		expect(api.requests).toHaveLength(1);
		expect(result.error?.message).toBe('Fotor answered with a redirect to the same host');
	});
});
