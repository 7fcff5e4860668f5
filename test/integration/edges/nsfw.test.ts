/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import { triggerHarness } from '../../harness/runWebhook';
import { base64Image, imageInfo } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';
import { flagHeadshotImages, startInterposer, type Interposer } from './interposer';

const headshot = (fields: INodeParameters = {}, options: INodeParameters = {}) =>
	imageParameters('headshot', { imageSource: 'base64', imageBase64: base64Image(16, 16), templates: { template: [{ templateId: 'studio', count: 3 }] }, ...fields }, options);

/** What the user reads when every result was flagged. */
const EVERY_RESULT_FLAGGED = /^Fotor set hasHsfw on every result of this task, so nothing is returned\./;

type Envelope = { code: string; msg: string; data: Record<string, unknown> | null };

/**
 * Results Fotor flags as unsafe (hasHsfw). The simulator never flags a single headshot image, so
 * a loopback proxy in front of it sets the flag on chosen images of the task reply; everything
 * else (submit, polling, result files) is the simulator's.
 */
describe('NSFW flags on some results', () => {
	const sim = useSimulator();
	let flagged: number[] = [];
	let proxy: Interposer;
	beforeAll(async () => {
		proxy = await startInterposer(sim().url, {
			rewrite: (path, body) => {
				const reply = body as unknown as Envelope;
				if (!path.startsWith('/v1/aiart/tasks/') || reply.data?.status !== 1) return undefined;
				return { ...reply, data: flagHeadshotImages(reply.data, flagged) };
			},
		});
	});
	afterAll(async () => await proxy.close());

	const viaProxy = () => ({ ...simulatorCredentials(sim()), customBaseUrl: proxy.url });

	describe('Fotor node, AI Headshot', () => {
		it('returns the unflagged images, one item each, and lists the flagged one', async () => {
			flagged = [1];
			const result = await runNode({ parameters: headshot(), credentials: viaProxy() });

			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(2);
			const taskId = sim().submits[0].taskId;
			const task = sim().tasks.get(String(taskId));
			const files = task?.files.map((file) => file.path) ?? [];
			expect(files).toHaveLength(3);
			// Images 0 and 2 came back, as files; image 1 did not.
			expect(result.items.map((item) => String(item.json.resultUrl).replace(/^.*\/cdn\//, ''))).toEqual([files[0], files[2]]);
			// Numbered as in Fotor's result list, like flaggedResults: image 1 is the flagged one.
			expect(result.items.map((item) => item.json.imageIndex)).toEqual([0, 2]);
			expect(result.items.map((item) => item.json.fileName)).toEqual(['image-headshot-1.jpg', 'image-headshot-3.jpg']);
			for (const item of result.items) {
				expect(item.json).toMatchObject({ taskId, status: 'completed', hasHsfw: true });
				expect(item.json.flaggedResults).toEqual([{ index: 1, templateId: 'studio', imageId: expect.any(String) }]);
				expect(imageInfo(await result.binary(item))).toMatchObject({ format: 'jpeg', width: 256, height: 256 });
			}
			expect(proxy.requests.some((request) => request.url.startsWith('/v1/aiart/tasks/'))).toBe(true);
		});

		it('Task → Get with Download Result: the flagged image is listed, not downloaded', async () => {
			flagged = [1];
			const submitted = await runNode({ parameters: headshot({ waitForCompletion: false }), credentials: viaProxy() });
			const taskId = String(submitted.items[0].json.taskId);
			await new Promise((resolve) => setTimeout(resolve, 200)); // the simulator's tasks take 50 ms
			const result = await runNode({ parameters: { resource: 'task', operation: 'get', taskId, download: true, returnMode: 'both' }, credentials: viaProxy() });

			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.imageIndex)).toEqual([0, 2]);
			for (const item of result.items) {
				expect(item.binary?.data).toBeDefined();
				expect(item.json.flaggedResults).toEqual([{ index: 1, templateId: 'studio', imageId: expect.any(String) }]);
			}
		});

		it('every image flagged: an error for the item', async () => {
			flagged = [0, 1, 2];
			const result = await runNode({ parameters: headshot(), credentials: viaProxy() });

			expect(result.error?.message).toBe(`Fotor flagged the result of task ${sim().submits[0].taskId} as unsafe content (NSFW)`);
			expect(result.error?.description).toMatch(EVERY_RESULT_FLAGGED);
		});
	});

	describe('Fotor Trigger', () => {
		const LOOPBACK = { security: { allowedIps: '127.0.0.1' } };

		/** A finished headshot task's data as Fotor's webhook sends it (the simulator's own payload). */
		async function headshotDelivery(): Promise<Record<string, unknown>> {
			const submitted = await runNode({ parameters: headshot({ waitForCompletion: false }), credentials: simulatorCredentials(sim()) });
			const taskId = String(submitted.items[0].json.taskId);
			await new Promise((resolve) => setTimeout(resolve, 100)); // the simulator's tasks take 50 ms
			if (sim().tasks.get(taskId)?.status !== 1) throw new Error('the headshot task did not complete');
			// The simulator's own task data, as its webhook sends it, without its bookkeeping fields.
			const payload = { ...(sim().state().tasks.find((task) => (task as Record<string, unknown>).taskId === taskId) as Record<string, unknown>) };
			for (const field of ['endpoint', 'model', 'completesAt']) delete payload[field];
			return payload;
		}

		it('leaves a flagged image out of the output and lists it', async () => {
			const body = flagHeadshotImages(await headshotDelivery(), [1]);
			const trigger = triggerHarness({ ...LOOPBACK });
			const result = await trigger.deliver({ body, ip: '127.0.0.1' });

			expect(result.items).toHaveLength(1);
			const json = result.items?.[0].json ?? {};
			expect(json.error).toBeUndefined();
			expect(json.resultUrls).toHaveLength(2);
			expect(json.flaggedResults).toEqual([{ index: 1, templateId: 'studio', imageId: expect.any(String) }]);
		});

		it('with Download Result on: one item per unflagged image, each with its file', async () => {
			const body = flagHeadshotImages(await headshotDelivery(), [0]);
			const trigger = triggerHarness({ ...LOOPBACK, download: true, returnMode: 'both' }, simulatorCredentials(sim()));
			const result = await trigger.deliver({ body, ip: '127.0.0.1' });

			expect(result.items).toHaveLength(2);
			expect(result.items?.map((item) => item.json.imageIndex)).toEqual([1, 2]);
			for (const item of result.items ?? []) {
				expect(item.json.flaggedResults).toEqual([{ index: 0, templateId: 'studio', imageId: expect.any(String) }]);
				expect(item.json.downloadError).toBeUndefined();
				expect(imageInfo(await result.binary(item))).toMatchObject({ format: 'jpeg' });
			}
		});

		it('every image flagged: the item carries error', async () => {
			const body = flagHeadshotImages(await headshotDelivery(), [0, 1, 2]);
			const result = await triggerHarness({ ...LOOPBACK }).deliver({ body, ip: '127.0.0.1' });

			expect(result.items).toHaveLength(1);
			expect(result.items?.[0].json).toMatchObject({ status: 'completed', hasHsfw: true, resultUrl: null, error: expect.stringMatching(EVERY_RESULT_FLAGGED) });
			expect(result.items?.[0].json.flaggedResults).toHaveLength(3);
		});
	});
});
