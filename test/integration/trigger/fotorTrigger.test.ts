/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import { triggerHarness, type Delivery } from '../../harness/runWebhook';
import { runNode } from '../../harness/runNode';
import { base64Image, imageInfo } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

const LOOPBACK = { security: { allowedIps: '127.0.0.1' } };

/** A loopback receiver standing in for n8n's webhook endpoint: it records what Fotor's simulator POSTs. */
async function startReceiver() {
	const received: Delivery[] = [];
	const server = createServer((req: IncomingMessage, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			received.push({
				body: JSON.parse(rawBody.toString('utf8')),
				rawBody,
				headers: { 'content-type': String(req.headers['content-type']) },
				ip: req.socket.remoteAddress,
			});
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise((r) => server.close(r)) };
}

describe('Fotor Trigger through n8n-core webhook contexts', () => {
	const sim = useSimulator();
	let receiver: Awaited<ReturnType<typeof startReceiver>>;
	beforeAll(async () => (receiver = await startReceiver()));
	afterAll(async () => await receiver.close());
	beforeEach(() => (receiver.received.length = 0));

	/** Runs image tasks with wait off, lets the simulator deliver their webhooks, returns the deliveries. */
	async function completeTasks(operation: string, fields: Record<string, unknown>, count = 1) {
		sim().configure({ webhookUrl: receiver.url, taskDurationMs: 30 });
		const submitted = await runNode({
			parameters: imageParameters(operation, { ...fields, waitForCompletion: false }),
			items: Array.from({ length: count }, () => ({ json: {} })),
			credentials: simulatorCredentials(sim()),
		});
		await sim().waitForWebhookDeliveries(count);
		return { taskIds: submitted.items.map((item) => String(item.json.taskId)), deliveries: [...receiver.received] };
	}

	const upscaleFields = { imageSource: 'base64', imageBase64: base64Image(10, 10) };

	it('turns a real simulator delivery into one item per task, correlated by task ID', async () => {
		const { taskIds, deliveries } = await completeTasks('upscale', upscaleFields);
		const trigger = triggerHarness({ ...LOOPBACK, taskIds: `={{ "${taskIds[0]}" }}` });
		const result = await trigger.deliver(deliveries[0]);
		expect(result.written).toBeUndefined();
		expect(result.response.webhookResponse).toEqual({ received: true });
		expect(result.items).toHaveLength(1);
		expect(result.items?.[0].json).toMatchObject({
			taskId: taskIds[0],
			status: 'completed',
			type: 'imgupscale',
			resultUrl: expect.stringContaining('/cdn/'),
			creditsIncrement: 1,
			receivedAt: expect.any(String),
		});
	});

	it('downloads every headshot image into binary, s3:// links included', async () => {
		const { deliveries } = await completeTasks('headshot', { ...upscaleFields, templates: { template: [{ templateId: 't', count: 3 }] } });
		expect(JSON.stringify(deliveries[0].body)).toContain('s3://img-pub-fotor/');
		const trigger = triggerHarness({ ...LOOPBACK, download: true, returnMode: 'both', binaryPropertyName: 'headshot' }, simulatorCredentials(sim()));
		const result = await trigger.deliver(deliveries[0]);
		expect(result.items).toHaveLength(3);
		for (const item of result.items ?? []) {
			expect(item.json.resultUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cdn\/aiart\/avatar\//);
			expect(imageInfo(await result.binary(item, 'headshot'))).toMatchObject({ format: 'jpeg', width: 256, height: 256 });
		}
	});

	it('reads a download switch of "false" from an expression as off', async () => {
		const { deliveries } = await completeTasks('upscale', upscaleFields);
		const before = sim().requests.length;
		const result = await triggerHarness({ ...LOOPBACK, download: '={{ "false" }}' }, simulatorCredentials(sim())).deliver(deliveries[0]);
		expect(result.items?.[0].binary).toBeUndefined();
		expect(sim().requests.slice(before)).toEqual([]);
	});

	it('keeps the delivery with the reason when the download fails', async () => {
		const { deliveries } = await completeTasks('upscale', upscaleFields);
		sim().expireResults();
		const result = await triggerHarness({ ...LOOPBACK, download: true }, simulatorCredentials(sim())).deliver(deliveries[0]);
		expect(result.items?.[0].json).toMatchObject({ status: 'completed', downloadError: expect.stringMatching(/no longer available/) });
	});

	describe('filters: a non-matching delivery is acknowledged and starts nothing', () => {
		it.each([
			[{ outcome: 'failed' }, 'outcome completed'],
			[{ taskTypes: ['avatar'] }, 'type imgupscale'],
			[{ customTypes: 'videoEnhancer' }, 'type imgupscale'],
			[{ taskIds: 'abc, def' }, 'task ID not listed'],
			[{ businessId: 'someone-else' }, 'business ID differs'],
		])('%o', async (filters, reason) => {
			const { deliveries } = await completeTasks('upscale', upscaleFields);
			const result = await triggerHarness({ ...LOOPBACK, ...filters }).deliver(deliveries[0]);
			expect(result.items).toBeUndefined();
			expect(result.response.webhookResponse).toEqual({ received: true, ignored: reason });
		});

		it('passes failed tasks with their reason when Outcome is Failed', async () => {
			sim().injectTaskOutcome({ status: 2, msg: 'no face found' });
			const { deliveries } = await completeTasks('upscale', upscaleFields);
			const result = await triggerHarness({ ...LOOPBACK, outcome: 'failed', taskTypes: ['imgupscale'] }).deliver(deliveries[0]);
			expect(result.items?.[0].json).toMatchObject({ status: 'failed', failureReason: 'no face found' });
		});
	});

	describe('security: rejected deliveries get 4xx and never start a workflow', () => {
		const body = { taskId: 'e0dc194703174b6eafeacb4ee8e02850', status: 1, type: 'imgupscale', resultUrl: '' };

		it.each([
			['an address not on the default Fotor list', {}, { ip: '203.0.113.9' }, 403],
			['a forged X-Forwarded-For without proxy trust', {}, { ip: '203.0.113.9', headers: { 'x-forwarded-for': '54.212.95.175' } }, 403],
			['a forged left-most X-Forwarded-For with proxy trust', { security: { trustProxy: true } }, { ip: '10.0.0.2', headers: { 'x-forwarded-for': '54.212.95.175, 203.0.113.9' } }, 403],
			['a missing token', { security: { secretToken: 'tok-123' } }, {}, 401],
			['a wrong token', { security: { secretToken: 'tok-123' } }, { query: { token: 'tok-124' } }, 401],
			['a non-JSON content type', {}, { headers: { 'content-type': 'text/plain' } }, 415],
			['an oversized body', {}, { rawBody: Buffer.alloc(1024 * 1024 + 1, 32) }, 413],
			['a body without taskId', {}, { body: { status: 1 } }, 400],
			['a body that is an array', {}, { body: [body] }, 400],
		])('%s is rejected', async (_name, parameters, delivery, status) => {
			const result = await triggerHarness(parameters).deliver({ body, ...delivery });
			expect(result.written?.status).toBe(status);
			expect(result.response).toEqual({ noWebhookResponse: true });
			expect(result.items).toBeUndefined();
		});

		it.each([
			['Fotor behind a trusted proxy', { security: { trustProxy: true } }, { ip: '10.0.0.2', headers: { 'x-forwarded-for': '198.51.100.7, 44.236.127.35' } }],
			['the token as a query parameter', { security: { secretToken: 'tok-123' } }, { query: { token: 'tok-123' } }],
			['the token as a header', { security: { secretToken: 'tok-123' } }, { headers: { 'x-fotor-token': 'tok-123' } }],
			['any sender when the list is empty', { security: { allowedIps: '' } }, { ip: '203.0.113.9' }],
		])('accepts %s', async (_name, parameters, delivery) => {
			const result = await triggerHarness(parameters).deliver({ body, ...delivery });
			expect(result.written).toBeUndefined();
			expect(result.items?.[0].json.taskId).toBe(body.taskId);
		});
	});

	describe('forged and repeated deliveries', () => {
		/** A host on loopback that counts every request, standing in for an internal service. */
		let internal: Awaited<ReturnType<typeof startReceiver>>;
		beforeAll(async () => (internal = await startReceiver()));
		afterAll(async () => await internal.close());

		it('never fetches a result URL outside Fotor\'s hosts and the credential\'s storage, even with every sender allowed', async () => {
			const forged = { taskId: 'f0dc194703174b6eafeacb4ee8e02851', status: 1, type: 'imgupscale', resultUrl: internal.url.replace('/hook', '/admin/secrets.png') };
			const result = await triggerHarness({ security: { allowedIps: '' }, download: true }, simulatorCredentials(sim())).deliver({ body: forged, ip: '203.0.113.9' });
			expect(internal.received).toHaveLength(0);
			expect(result.items?.[0].binary).toBeUndefined();
			expect(result.items?.[0].json).toMatchObject({ taskId: forged.taskId, downloadError: expect.stringMatching(/^Not downloaded: .* is not on Fotor's result hosts/) });
		});

		it('starts one workflow for a task and status delivered twice, and another for its next status', async () => {
			const { deliveries } = await completeTasks('upscale', upscaleFields);
			const trigger = triggerHarness({ ...LOOPBACK, outcome: 'all' });
			const first = await trigger.deliver(deliveries[0]);
			const repeat = await trigger.deliver(deliveries[0]);
			expect(first.items).toHaveLength(1);
			expect(repeat.items).toBeUndefined();
			expect(repeat.response.webhookResponse).toEqual({ received: true, ignored: 'repeated delivery of this task and status' });
			const progress = await trigger.deliver({ ...deliveries[0], rawBody: undefined, body: { ...(deliveries[0].body as object), status: 0 } });
			expect(progress.items).toHaveLength(1);
		});
	});

	it('keeps its webhook lifecycle consistent in static data', async () => {
		const trigger = triggerHarness({});
		const methods = new (await import('../../../nodes/FotorTrigger/FotorTrigger.node')).FotorTrigger().webhookMethods.default;
		expect(await methods.checkExists.call(trigger.hook())).toBe(false);
		expect(await methods.create.call(trigger.hook())).toBe(true);
		expect(await methods.checkExists.call(trigger.hook())).toBe(true);
		expect(await methods.delete.call(trigger.hook())).toBe(true);
		expect(await methods.checkExists.call(trigger.hook())).toBe(false);
	});
});
