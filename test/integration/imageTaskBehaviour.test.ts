/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { base64Image, imageInfo, testImage } from './images';
import { imageParameters, simulatorCredentials, useSimulator } from './support';

/** Behaviour shared by every image operation, exercised once through Upscale. */
describe('image task behaviour', () => {
	const sim = useSimulator();
	const credentials = () => simulatorCredentials(sim());
	const upscale = (fields: INodeParameters, options: INodeParameters = {}) =>
		imageParameters('upscale', { upscaleFactor: 2, ...fields }, options);

	describe('image input', () => {
		it('reads a binary file of the input item from the filesystem binary store', async () => {
			const result = await runNode({
				parameters: upscale({ imageSource: 'binary', imageBinaryProperty: 'photo' }),
				items: [{ binary: { photo: { data: testImage(30, 20, 'jpeg'), fileName: 'holiday.jpg', mimeType: 'image/jpeg' } } }],
				credentials: credentials(),
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0].json.fileName).toBe('holiday-upscaled.jpg');
			expect(imageInfo(await result.binary(result.items[0]))).toMatchObject({ format: 'jpeg', width: 60, height: 40 });
		});

		it('sends a URL unchanged, and Fotor-side fetches it', async () => {
			const first = await runNode({ parameters: upscale({ imageSource: 'base64', imageBase64: base64Image(10, 10) }, { returnMode: 'url' }), credentials: credentials() });
			const url = String(first.items[0].json.resultUrl);
			const result = await runNode({ parameters: upscale({ imageSource: 'url', imageUrl: ` ${url} ` }), credentials: credentials() });
			expect(sim().submits[1].body).toMatchObject({ userImageUrl: url });
			expect(imageInfo(await result.binary(result.items[0]))).toMatchObject({ width: 40, height: 40 });
		});

		it('accepts a data URI in the Base64 field', async () => {
			const result = await runNode({
				parameters: upscale({ imageSource: 'base64', imageBase64: `data:image/png;base64,${base64Image(12, 12)}` }),
				credentials: credentials(),
			});
			expect(result.error).toBeUndefined();
			expect((sim().submits[0].body as { userImageUrl: string }).userImageUrl).toBe(`data:image/png;base64,${base64Image(12, 12)}`);
		});

		it('uploads through the signed upload and sends the storage URL', async () => {
			const result = await runNode({
				parameters: upscale({ imageSource: 'binary', imageBinaryProperty: 'data' }, { imageUpload: 'signedUpload' }),
				items: [{ binary: { data: { data: testImage(16, 16), fileName: 'a.png', mimeType: 'image/png' } } }],
				credentials: credentials(),
			});
			expect(result.error).toBeUndefined();
			expect(sim().requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{24}/, 'X')}`)).toEqual(
				expect.arrayContaining(['GET /v1/upload/sign', 'PUT /upload/X.png']),
			);
			expect(sim().requests.find((r) => r.path === '/v1/upload/sign')?.query).toEqual({ type: 'img_upscale', suffix: 'png' });
			expect((sim().submits[0].body as { userImageUrl: string }).userImageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f]{24}\.png$/);
			expect(imageInfo(await result.binary(result.items[0]))).toMatchObject({ width: 32, height: 32 });
		});
	});

	describe('result output', () => {
		it.each([
			['both', true, true],
			['binary', true, false],
			['url', false, true],
		])('Return = %s: binary %p, URL %p', async (returnMode, hasBinary, hasUrl) => {
			const result = await runNode({
				parameters: upscale({ imageSource: 'base64', imageBase64: base64Image(8, 8) }, { returnMode, binaryPropertyName: 'upscaled' }),
				credentials: credentials(),
			});
			const [item] = result.items;
			expect(Boolean(item.binary?.upscaled)).toBe(hasBinary);
			expect('resultUrl' in item.json).toBe(hasUrl);
			expect(item.json).toMatchObject({ taskId: expect.any(String), status: 'completed', creditsIncrement: 1 });
		});
	});

	describe('waiting', () => {
		it('returns the task ID at once when Wait for Completion is off, and Task → Get collects it later', async () => {
			sim().configure({ taskDurationMs: 300 });
			const submitted = await runNode({
				parameters: upscale({ imageSource: 'base64', imageBase64: base64Image(8, 8), waitForCompletion: false }),
				credentials: credentials(),
			});
			expect(submitted.items[0].json).toEqual({ taskId: sim().submits[0].taskId, status: 'processing', statusCode: 0, operation: 'image.upscale' });
			expect(sim().requests.filter((r) => r.path.startsWith('/v1/aiart/tasks/'))).toHaveLength(0);

			await new Promise((resolve) => setTimeout(resolve, 350));
			const fetched = await runNode({
				parameters: { resource: 'task', operation: 'get', taskId: submitted.items[0].json.taskId as string, download: true },
				credentials: credentials(),
			});
			expect(fetched.items[0].json).toMatchObject({ status: 'completed', type: 'imgupscale' });
			expect(imageInfo(await fetched.binary(fetched.items[0]))).toMatchObject({ width: 16, height: 16 });
		});

		it('stops at Max Wait with an error naming the task and how to collect it', async () => {
			sim().configure({ taskDurationMs: 60_000 });
			const result = await runNode({
				parameters: upscale({ imageSource: 'base64', imageBase64: base64Image(8, 8) }, { maxWait: 1 }),
				credentials: credentials(),
			});
			const taskId = sim().submits[0].taskId;
			expect(result.error?.message).toContain(`Fotor task ${taskId} is still running`);
			expect(result.error?.description).toMatch(/may still finish and be billed.*Task → Get/);
		});

		it('stops polling at once when the execution is cancelled', async () => {
			sim().configure({ taskDurationMs: 60_000 });
			const started = Date.now();
			const run = runNode({
				parameters: upscale({ imageSource: 'base64', imageBase64: base64Image(8, 8) }, { pollInterval: 5 }),
				credentials: credentials(),
				onStart: (cancel) => setTimeout(cancel, 700),
			});
			await run.catch(() => undefined);
			expect(Date.now() - started).toBeLessThan(3000);
			const polls = sim().requests.filter((r) => r.path.startsWith('/v1/aiart/tasks/')).length;
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect(sim().requests.filter((r) => r.path.startsWith('/v1/aiart/tasks/'))).toHaveLength(polls);
		});
	});

	describe('task outcomes', () => {
		it.each([
			[2, {}, /failed: Task failed/],
			[3, {}, /timed out at Fotor/],
			[4, {}, /was cancelled at Fotor/],
			[1, { hasHsfw: true }, /flagged the result .* unsafe content \(NSFW\)/],
		])('status %i %o is a clear error with the task ID', async (status, extra, message) => {
			sim().injectTaskOutcome({ status: status as 1 | 2 | 3 | 4, ...extra });
			const result = await runNode({ parameters: upscale({ imageSource: 'base64', imageBase64: base64Image(8, 8) }), credentials: credentials() });
			expect(result.error?.message).toMatch(message);
			expect(result.error?.message).toContain(String(sim().submits[0].taskId));
		});
	});

	describe('several items', () => {
		const items = [1, 2, 3].map((n) => ({ json: { n }, binary: { data: { data: testImage(8 * n, 8), fileName: `p${n}.png` } } }));

		it('with Continue On Fail, a failed item becomes an error item and the others are kept, each paired to its input', async () => {
			sim().injectTaskOutcome({ status: 2, msg: 'face not found', match: base64Image(16, 8) });
			const result = await runNode({
				parameters: upscale({ imageSource: 'binary', imageBinaryProperty: 'data' }),
				items,
				credentials: credentials(),
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(result.items[0].json.status).toBe('completed');
			expect(result.items[1].json.error).toMatch(/failed: face not found/);
			expect(result.items[2].json.status).toBe('completed');
			expect(imageInfo(await result.binary(result.items[2]))).toMatchObject({ width: 48, height: 16 });
		});

		it('without Continue On Fail, the run fails and the error names the item', async () => {
			const result = await runNode({
				parameters: upscale({ imageSource: 'binary', imageBinaryProperty: 'data' }),
				items: [items[0], { json: { n: 2 } }, items[2]],
				credentials: credentials(),
			});
			expect(result.error?.message).toMatch(/Invalid "Image Input Binary Field" in item 1: the item has no binary field "data"/);
			expect(result.error?.context?.itemIndex).toBe(1);
		});

		it('runs items in parallel but keeps output order', async () => {
			sim().configure({ taskDurationMs: 400 });
			const result = await runNode({
				parameters: upscale({ imageSource: 'binary', imageBinaryProperty: 'data' }, { parallelTasks: 3 }),
				items,
				credentials: credentials(),
			});
			expect(result.items.map((item) => item.json.fileName)).toEqual(['p1-upscaled.png', 'p2-upscaled.png', 'p3-upscaled.png']);
			// All three tasks were running at Fotor at the same time.
			const tasks = [...sim().tasks.values()];
			expect(Math.max(...tasks.map((t) => t.createdAt))).toBeLessThan(Math.min(...tasks.map((t) => t.completesAt)));
		});
	});
});

describe('rate limit', () => {
	const sim = useSimulator({ maxInFlightPerKey: 2, retryAfterSeconds: 1 });

	it('a batch larger than Fotor’s in-flight limit slows down instead of failing', async () => {
		sim().configure({ maxInFlightPerKey: 2, taskDurationMs: 150 });
		const items = Array.from({ length: 7 }, (_, n) => ({ json: { n } }));
		const result = await runNode({
			parameters: imageParameters('upscale', { imageSource: 'base64', imageBase64: base64Image(8, 8), upscaleFactor: 2 }, { parallelTasks: 6, returnMode: 'url' }),
			items,
			credentials: simulatorCredentials(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(Array(7).fill('completed'));
		const refused = sim().submits.filter((s) => s.httpStatus === 429).length;
		expect(sim().submits.filter((s) => s.accepted)).toHaveLength(7);
		// The first wave (the slow-start window) finds the limit; afterwards items wait for a free slot,
		// and the learned limit probes one higher only after a full window of accepted submits.
		expect(refused).toBeLessThanOrEqual(6);
	});
});
