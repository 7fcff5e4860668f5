/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import type { ServerResponse } from 'node:http';

import { triggerHarness } from '../../harness/runWebhook';
import { startInterposer, type Interposer } from './interposer';

const LOOPBACK = { security: { allowedIps: '127.0.0.1' } };
const TASK_ID = 'e0dc194703174b6eafeacb4ee8e02850';

/**
 * With Download Result on, a slow or failing result host must not hold up Fotor's
 * acknowledgement: Fotor is answered before the download, the download gets one attempt of at
 * most 10 s, and a failure is kept on the item (downloadError) instead of losing the delivery.
 */
describe('Fotor Trigger acknowledges promptly', () => {
	/** The result host: answers 500, never answers, or sends a byte every 500 ms (for 20 s), recording when each request arrived. */
	let behaviour: 'fail' | 'hang' | 'drip' = 'fail';
	let cdn: Interposer;
	/** A credential whose Storage Base URL is the stand-in CDN: the only non-Fotor host the trigger downloads from. */
	const cdnCredential = () => ({ apiKey: 'sim-test-key', environment: 'custom', customBaseUrl: cdn.url, storageBaseUrl: cdn.url });
	beforeAll(async () => {
		cdn = await startInterposer('http://127.0.0.1:9', {
			intercept: (req, res: ServerResponse) => {
				req.resume();
				if (behaviour === 'fail') res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
				if (behaviour === 'drip') drip(res);
				return true; // 'hang': held open until the client gives up (or close())
			},
		});
	});
	afterAll(async () => await cdn.close());

	/** Never silent for long, never done before 20 s: only a limit on the whole download stops it. */
	function drip(res: ServerResponse) {
		res.writeHead(200, { 'content-type': 'image/png' });
		let sent = 0;
		const timer = setInterval(() => {
			if (++sent >= 40) {
				clearInterval(timer);
				res.end();
			} else res.write(Buffer.from([0]));
		}, 500);
		res.on('close', () => clearInterval(timer));
	}
	beforeEach(() => (cdn.requests.length = 0));

	const delivery = () => ({
		ip: '127.0.0.1',
		body: { taskId: TASK_ID, status: 1, type: 'imgupscale', resultUrl: `${cdn.url}/aiart/results/e0dc1947.png`, hasHsfw: false },
	});

	it('a result host answering 500: Fotor is answered first, exactly one download attempt, the delivery is kept with downloadError', async () => {
		behaviour = 'fail';
		const started = Date.now();
		const result = await triggerHarness({ ...LOOPBACK, download: true }, cdnCredential()).deliver(delivery());

		expect(result.written).toEqual({ status: 200, body: { received: true } });
		expect(cdn.requests).toHaveLength(1);
		expect(result.writtenAt).toBeLessThanOrEqual(cdn.requests[0].at);
		expect(cdn.requests[0].headers.authorization).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(result.items).toHaveLength(1);
		expect(result.items?.[0].binary).toBeUndefined();
		expect(result.items?.[0].json).toMatchObject({
			taskId: TASK_ID,
			status: 'completed',
			resultUrl: delivery().body.resultUrl,
			downloadError: 'Fotor had a server error',
		});
	});

	it('a result host that never answers: Fotor is answered at once; the one download attempt gives up after 10 s', async () => {
		behaviour = 'hang';
		const started = Date.now();
		const result = await triggerHarness({ ...LOOPBACK, download: true }, cdnCredential()).deliver(delivery());
		const elapsed = Date.now() - started;

		expect((result.writtenAt ?? Number.POSITIVE_INFINITY) - started).toBeLessThan(200);
		expect(result.written).toEqual({ status: 200, body: { received: true } });
		expect(cdn.requests).toHaveLength(1);
		expect(elapsed).toBeGreaterThanOrEqual(9_500);
		expect(elapsed).toBeLessThan(11_500);
		expect(result.items?.[0].json).toMatchObject({ taskId: TASK_ID, downloadError: 'Fotor did not answer in time' });
	}, 20_000);

	it('a result host that keeps trickling bytes: the download still ends after 10 s in all', async () => {
		behaviour = 'drip';
		const started = Date.now();
		const result = await triggerHarness({ ...LOOPBACK, download: true }, cdnCredential()).deliver(delivery());
		const elapsed = Date.now() - started;

		expect((result.writtenAt ?? Number.POSITIVE_INFINITY) - started).toBeLessThan(200);
		expect(cdn.requests).toHaveLength(1);
		expect(elapsed).toBeGreaterThanOrEqual(9_500);
		expect(elapsed).toBeLessThan(11_500);
		expect(result.items?.[0].binary).toBeUndefined();
		expect(result.items?.[0].json).toMatchObject({ taskId: TASK_ID, downloadError: 'Fotor did not answer in time' });
	}, 30_000);

	it('an invalid Return value from an expression is a clear error, before any download', async () => {
		behaviour = 'fail';
		const trigger = triggerHarness({ ...LOOPBACK, download: true, returnMode: '={{ "file" }}' }, cdnCredential());

		await expect(trigger.deliver(delivery())).rejects.toThrow('Invalid "Return": "file" is not a valid choice');
		await expect(trigger.deliver(delivery())).rejects.toMatchObject({ description: 'Use one of: both, binary, url.' });
		expect(cdn.requests).toHaveLength(0);
	});
});
