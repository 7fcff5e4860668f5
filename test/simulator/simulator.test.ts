/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

import { probeImage, renderImage } from './index';
import { simulatorClient, sleep, useFileSimulator } from './testClient';

const png = renderImage({ format: 'png', width: 20, height: 10 });
const jpeg = renderImage({ format: 'jpeg', width: 30, height: 20 });
const dataUri = (bytes: Buffer, type = 'png') => `data:image/${type};base64,${bytes.toString('base64')}`;

/** The simulator's own contract, checked over real HTTP with undici. */
describe('Fotor simulator', () => {
	const sim = useFileSimulator(50);
	const { call, download, runTask } = simulatorClient(sim);

	it('requires the Bearer key and never echoes it', async () => {
		for (const key of ['', 'wrong-key']) {
			const response = await call('GET', '/v1/credits', undefined, key);
			expect(response.status).toBe(401);
			expect(response.json).toMatchObject({ code: '401' });
			expect(response.text).not.toContain('wrong-key');
		}
	});

	it('runs a task 0 → 1 with real 2x and 4x upscales and charges a token only on success', async () => {
		for (const factor of [2, 4]) {
			const task = await runTask('imgupscale', { upscaling_resize: factor, userImageUrl: dataUri(png), max_image_width: 2048, max_image_height: 2048 });
			expect(task).toMatchObject({ status: 1, type: 'imgupscale', creditsIncrement: 1, hasHsfw: false });
			const file = await download(String(task.resultUrl));
			expect(file.type).toBe('image/png');
			expect(probeImage(file.bytes)).toMatchObject({ format: 'png', width: 20 * factor, height: 10 * factor });
		}
		expect(sim().credits.remaining).toBe(998);
		const task = await call('POST', '/v1/aiart/imgupscale', { upscaling_resize: 2, userImageUrl: dataUri(png), max_image_width: 30, max_image_height: 30 });
		const early = await call('GET', `/v1/aiart/tasks/${String(task.json?.data?.taskId)}`);
		expect(early.json?.data).toMatchObject({ status: 0, resultUrl: '' });
	});

	it.each([
		['imgupscale', { upscaling_resize: 3, userImageUrl: 'https://x.test/a.jpg', max_image_width: 1, max_image_height: 1 }, 'upscaling_resize'],
		['retouchskin', { userImageUrl: 'ftp://x.test/a.jpg' }, 'userImageUrl'],
		['text2img', { sizeId: '1:1', templateId: 't' }, 'content'],
		['img2img', { templateId: 't', userImageUrl: dataUri(png), strength: 2 }, 'strength'],
		['backgroundremover', { userImageUrl: dataUri(png), action: 'everything' }, 'action'],
		['avatar', { userImageUrl: dataUri(png), avatarTemplateParams: [] }, 'avatarTemplateParams'],
		['colorize', { userImageUrl: Buffer.from('not an image at all, sorry').toString('base64') }, 'userImageUrl'],
		['restoration', { userImageUrl: dataUri(png), faceUpsample: 'yes', backgroundEnhance: true, upscale: 2, fidelityWeight: 0.5 }, 'faceUpsample'],
		['faceswap', { userImageUrl: dataUri(png) }, 'templateImageUrl'],
		['replacer', { imageUrl: dataUri(png), maskImageUrl: dataUri(png) }, 'content'],
	])('validates %s (400 with a non-"000" code)', async (endpoint, body, field) => {
		const response = await call('POST', `/v1/aiart/${endpoint}`, body);
		expect(response.status).toBe(400);
		expect(response.json?.code).toBe('400');
		expect(response.json?.msg).toContain(field);
		expect(sim().submits[0]).toMatchObject({ endpoint, accepted: false, httpStatus: 400 });
	});

	it('produces the right kind of result per tool', async () => {
		const bg = await runTask('backgroundremover', { userImageUrl: dataUri(jpeg, 'jpeg') });
		expect(probeImage((await download(String(bg.resultUrl))).bytes)).toMatchObject({ format: 'png', hasAlpha: true, width: 30, height: 20 });
		const art = await runTask('img2img', { templateId: 't', userImageUrl: dataUri(png), format: 'jpg' });
		expect(probeImage((await download(String(art.resultUrl))).bytes)).toMatchObject({ format: 'jpeg', width: 20, height: 10 });
		const swap = await runTask('faceswap', { userImageUrl: dataUri(png), templateImageUrl: dataUri(jpeg, 'jpeg') });
		expect(probeImage((await download(String(swap.resultUrl))).bytes)).toMatchObject({ width: 30, height: 20 });
	});

	it('returns headshots in avatarResult, every second one as an s3:// link served under storageBaseUrl', async () => {
		const task = await runTask('avatar', { userImageUrl: dataUri(png), avatarTemplateParams: [{ templateId: 'a', num: 2 }, { templateId: 'b', num: 1 }] });
		expect(task).toMatchObject({ type: 'avatar', resultUrl: '', creditsIncrement: 3 });
		const urls = (task.avatarResult as Array<{ templateId: string; images: Array<{ url: string }> }>).flatMap((g) => g.images.map((i) => i.url));
		expect(urls).toHaveLength(3);
		expect(urls[1]).toMatch(/^s3:\/\/img-pub-fotor\//);
		for (const url of urls) {
			const file = await download(url.replace('s3://img-pub-fotor', sim().storageBaseUrl));
			expect(probeImage(file.bytes)).toMatchObject({ format: 'jpeg', width: 256, height: 256 });
		}
	});

	it('answers the balance, the SDK token and the signed upload round trip', async () => {
		expect((await call('GET', '/v1/credits')).json?.data).toMatchObject({ total: 1000, remaining: 1000, businessId: expect.any(String) });
		const token = (await call('GET', '/v1/aiart/credentials?timeout=60')).json?.data;
		expect(token?.token).toMatch(/^tp_[0-9a-f]{32}$/);
		expect(Number(token?.expire) - Date.now()).toBeGreaterThan(55_000);
		expect((await call('GET', '/v1/aiart/credentials?timeout=-1')).status).toBe(400);

		const signed = (await call('GET', '/v1/upload/sign?type=img_upscale&suffix=png')).json?.data as { upload_url: string; url: string };
		expect((await request(signed.upload_url.replace(/sig=\w+/, 'sig=forged'), { method: 'PUT', body: png })).statusCode).toBe(403);
		expect((await request(signed.upload_url, { method: 'PUT', body: png, headers: { 'content-type': 'image/png' } })).statusCode).toBe(200);
		const task = await runTask('imgupscale', { upscaling_resize: 2, userImageUrl: signed.url, max_image_width: 999, max_image_height: 999 });
		expect(probeImage((await download(String(task.resultUrl))).bytes)).toMatchObject({ width: 40, height: 20 });
	});

	it.each([
		['http429', 429, { retryAfter: '3' }],
		['http500', 500, {}],
		['http502', 502, {}],
		['http503', 503, {}],
		['htmlError', 502, {}],
		['cloudflare1010', 403, {}],
		['code510', 200, {}],
		['code999', 200, {}],
		['malformedJson', 200, {}],
	] as const)('injects %s once', async (kind, status, extra) => {
		sim().injectFault({ route: 'credits', kind, ...extra });
		const faulty = await call('GET', '/v1/credits');
		expect(faulty.status).toBe(status);
		if (kind === 'http429') expect(faulty.headers['retry-after']).toBe('3');
		if (kind === 'cloudflare1010') expect(faulty.text).toContain('1010');
		if (kind === 'malformedJson') expect(faulty.json).toBeUndefined();
		expect((await call('GET', '/v1/credits')).status).toBe(200);
	});

	it('drops connections before or after processing, and answers slowly', async () => {
		sim().injectFault({ route: 'submit', kind: 'resetAfterProcessing' });
		await expect(call('POST', '/v1/aiart/text2img', { content: 'x', sizeId: '1:1', templateId: 't' })).rejects.toThrow();
		expect(sim().submits[0]).toMatchObject({ accepted: true });
		sim().injectFault({ route: 'credits', kind: 'resetBeforeProcessing' });
		await expect(call('GET', '/v1/credits')).rejects.toThrow();
		sim().injectFault({ route: 'credits', kind: 'slow', delayMs: 200 });
		const started = Date.now();
		expect((await call('GET', '/v1/credits')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
	});

	it('ends tasks with injected outcomes (2, 3, 4, hasHsfw) without charging failures', async () => {
		for (const outcome of [{ status: 2 as const, msg: 'bad face' }, { status: 3 as const }, { status: 4 as const }, { status: 1 as const, hasHsfw: true }]) {
			sim().injectTaskOutcome(outcome);
			const task = await runTask('text2img', { content: 'x', sizeId: '1:1', templateId: 't' });
			expect(task.status).toBe(outcome.status);
			if (outcome.status === 1) expect(task.hasHsfw).toBe(true);
			else expect(task.msg).toBeTruthy();
		}
		expect(sim().credits.remaining).toBe(999);
	});

	it('enforces the in-flight limit per key with 429 and Retry-After, and says 510 without credits', async () => {
		sim().configure({ maxInFlightPerKey: 1, retryAfterSeconds: 2, taskDurationMs: 500 });
		const body = { content: 'x', sizeId: '1:1', templateId: 't' };
		expect((await call('POST', '/v1/aiart/text2img', body)).status).toBe(200);
		const refused = await call('POST', '/v1/aiart/text2img', body);
		expect(refused.status).toBe(429);
		expect(refused.headers['retry-after']).toBe('2');
		sim().configure({ maxInFlightPerKey: 0, credits: { total: 1, remaining: 0 } });
		expect((await call('POST', '/v1/aiart/text2img', body)).json).toMatchObject({ code: '510', msg: 'No enough credits' });
	});

	it('delivers task data to the account webhook from 127.0.0.1', async () => {
		const received: Array<{ body: unknown; address?: string }> = [];
		const receiver = createServer((req, res) => {
			let text = '';
			req.on('data', (chunk: Buffer) => (text += chunk.toString()));
			req.on('end', () => {
				received.push({ body: JSON.parse(text), address: req.socket.remoteAddress });
				res.end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		sim().configure({ webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` });
		const task = await runTask('retouchskin', { userImageUrl: dataUri(png) });
		await sim().waitForWebhookDeliveries(1);
		receiver.close();
		expect(received[0].body).toMatchObject({ taskId: task.taskId, status: 1, type: 'retouchskin' });
		expect(received[0].body).not.toHaveProperty('code');
		expect(received[0].address).toMatch(/127\.0\.0\.1/);
	});

	it('is controlled over HTTP, keeps state over a restart and expires results', async () => {
		await call('POST', '/__sim/faults', { route: 'credits', kind: 'code999' });
		expect((await call('GET', '/v1/credits')).json?.code).toBe('999');
		await call('POST', '/__sim/configure', { taskDurationMs: 10 });
		const task = await runTask('retouchskin', { userImageUrl: dataUri(png) });
		const state = (await request(`${sim().url}/__sim/state`).then((r) => r.body.json())) as { submits: unknown[] };
		expect(state.submits).toHaveLength(1);

		const restart = sim().restart(300);
		await sleep(50);
		await expect(call('GET', '/v1/credits')).rejects.toThrow();
		await restart;
		expect((await call('GET', `/v1/aiart/tasks/${String(task.taskId)}`)).json?.data).toMatchObject({ status: 1 });

		sim().expireResults();
		expect((await download(String(task.resultUrl))).status).toBe(404);
		expect((await call('GET', '/v1/aiart/tasks/0123456789abcdef0123456789abcdef')).json).toMatchObject({ code: '999' });
	});
});
