/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { runNode } from '../../harness/runNode';
import { imageInfo, testImage } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';
import { startInterposer, type Interposer } from './interposer';

/** Words of the HTTP client's own errors, which must never reach the user as the message. */
const RAW_CLIENT_TEXT = /Request failed with status code|timeout of \d+ms|socket hang up|ECONNABORTED|AxiosError|aborted/i;

/** Image Upload = Signed Upload: GET /v1/upload/sign, then a PUT of the bytes to the signed URL. */
describe('signed upload PUT', () => {
	const sim = useSimulator();
	const items = [{ binary: { data: { data: testImage(16, 12), fileName: 'photo.png', mimeType: 'image/png' } } }];
	const parameters = (options: Record<string, unknown> = {}) =>
		imageParameters('upscale', { upscaleFactor: 2, imageSource: 'binary', imageBinaryProperty: 'data' }, { imageUpload: 'signedUpload', ...options });
	const puts = () => sim().requests.filter((request) => request.method === 'PUT');

	it('a PUT that fails once with 503 is sent again and the task runs with the uploaded file', async () => {
		sim().injectFault({ route: 'uploadPut', kind: 'http503' });
		const result = await runNode({ parameters: parameters(), items, credentials: simulatorCredentials(sim()) });

		expect(result.error).toBeUndefined();
		expect(puts().map((request) => request.status)).toEqual([503, 200]);
		expect((sim().submits[0].body as { userImageUrl: string }).userImageUrl).toMatch(/\/files\/[0-9a-f]{24}\.png$/);
		expect(imageInfo(await result.binary(result.items[0]))).toMatchObject({ format: 'png', width: 32, height: 24 });
	});

	it('a PUT that keeps failing ends in the transport’s clear error, and nothing is submitted', async () => {
		sim().injectFault({ route: 'uploadPut', kind: 'http503', times: 10 });
		const result = await runNode({ parameters: parameters(), items, credentials: simulatorCredentials(sim()) });

		expect(puts()).toHaveLength(4);
		expect(result.error?.message).toBe('Fotor had a server error');
		expect(result.error?.description).toMatch(/Tried 4 times/);
		expect(result.error?.description).toContain('(upload image (signed upload PUT): HTTP 503)');
		expect(result.error?.message).not.toMatch(RAW_CLIENT_TEXT);
		expect(sim().submits).toHaveLength(0);
	});

	it.each([
		['url', { url: undefined }],
		['upload_url', { upload_url: '' }],
	])('a sign reply without %s is an error before the PUT and before any submit', async (missing, change) => {
		const signer = await startInterposer(sim().url, {
			rewrite: (path, body) => (path === '/v1/upload/sign' ? { ...body, data: { ...(body.data as object), ...change } } : undefined),
		});
		try {
			const result = await runNode({ parameters: parameters(), items, credentials: { ...simulatorCredentials(sim()), customBaseUrl: signer.url } });
			expect(result.error?.message).toBe(`Invalid "Image Upload" in item 0: Fotor's signed-upload reply (GET /v1/upload/sign) has no "${missing}"`);
			expect(puts()).toHaveLength(0);
			expect(sim().submits).toHaveLength(0);
		} finally {
			await signer.close();
		}
	});

	describe('a PUT target that never answers', () => {
		/** PUTs held open by the storage stand-in, and when each connection closed. */
		let held: Array<{ at: number; closedAt?: number }> = [];
		let storage: Interposer;
		beforeAll(async () => {
			storage = await startInterposer(sim().url, {
				// The signed URL points at this proxy; the PUT is taken in and never answered.
				rewrite: (path, body) =>
					path === '/v1/upload/sign'
						? { ...body, data: { ...(body.data as object), upload_url: String((body.data as { upload_url: string }).upload_url).replace(sim().url, storage.url) } }
						: undefined,
				intercept: (req: IncomingMessage, res: ServerResponse) => {
					if (req.method !== 'PUT') return false;
					const entry: { at: number; closedAt?: number } = { at: Date.now() };
					held.push(entry);
					req.resume();
					res.on('close', () => (entry.closedAt = Date.now()));
					return true;
				},
			});
		});
		afterAll(async () => await storage.close());
		beforeEach(() => (held = []));

		const viaStorage = () => ({ ...simulatorCredentials(sim()), customBaseUrl: storage.url });

		it('each attempt ends at the node’s Request Timeout; the error is the transport’s, and nothing is submitted', async () => {
			const started = Date.now();
			const result = await runNode({ parameters: parameters({ requestTimeout: 1 }), items, credentials: viaStorage() });
			const elapsed = Date.now() - started;
			await new Promise((resolve) => setTimeout(resolve, 100)); // the last hang-up reaches the server

			expect(held).toHaveLength(4);
			for (const attempt of held) {
				expect(attempt.closedAt).toBeDefined();
				expect((attempt.closedAt ?? 0) - attempt.at).toBeGreaterThanOrEqual(900);
				expect((attempt.closedAt ?? 0) - attempt.at).toBeLessThan(2_000);
			}
			expect(elapsed).toBeLessThan(10_000);
			expect(result.error?.message).toBe('Fotor did not answer in time');
			expect(result.error?.description).toMatch(/Tried 4 times/);
			expect(result.error?.description).toContain('upload image (signed upload PUT)');
			expect(result.error?.message).not.toMatch(RAW_CLIENT_TEXT);
			expect(sim().submits).toHaveLength(0);
		}, 20_000);

		it('Stop during the PUT ends it at once', async () => {
			let stoppedAt = 0;
			const run = runNode({
				parameters: parameters(),
				items,
				credentials: viaStorage(),
				onStart: (cancel) =>
					setTimeout(() => {
						stoppedAt = Date.now();
						cancel();
					}, 700),
			});
			await run.catch(() => undefined);
			const returnedAt = Date.now();

			expect(held).toHaveLength(1);
			expect(held[0].at).toBeLessThan(stoppedAt); // the PUT was under way when Stop came
			expect(returnedAt - stoppedAt).toBeLessThan(1_000);
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(held[0].closedAt).toBeDefined(); // the node hung up
			expect((held[0].closedAt ?? 0) - stoppedAt).toBeLessThan(1_000);
			expect(held).toHaveLength(1); // and did not try again
			expect(sim().submits).toHaveLength(0);
		}, 20_000);
	});
});
