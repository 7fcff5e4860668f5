/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';

import { probeImage, probeMp4, renderImage, type FotorSimulator } from '../simulator';
import { runExamples } from './lib/examples';
import { publishWorkflow, waitUntilRegistered, type N8nInstance } from './lib/n8n';
import { REPO_ROOT } from './lib/pack';
import { expect, type Suite } from './lib/suite';
import { NODE_PREFIX, webhookToFotor } from './lib/workflows';
import { runSpendAndRetryScenarios } from './spendAndRetry';

const png = renderImage({ format: 'png', width: 40, height: 30 }).toString('base64');
const jpeg = renderImage({ format: 'jpeg', width: 48, height: 32 }).toString('base64');
const fromBody = (key: string) => ({ [`${key}Source`]: 'base64', [`${key}Base64`]: `={{ $json.body.${key} }}` });
const FAST = { options: { pollInterval: 0.2 } };

/** One operation run in n8n: parameters, the webhook body, and what its result must be. */
interface OperationCase {
	name: string;
	parameters: Record<string, unknown>;
	body?: Record<string, unknown>;
	expect: (items: Array<Record<string, unknown>>) => void;
	/** Expected result file (format, size), when the operation returns one; a video is checked with the simulator's MP4 probe. */
	file?: { format: string; width: number; height: number; durationSeconds?: number };
}

const image = (operation: string, fields: Record<string, unknown>) => ({ resource: 'image', operation, ...fields, ...FAST });
const completed = (count = 1) => (items: Array<Record<string, unknown>>) => {
	expect(items.length === count, `expected ${count} item(s), got ${items.length}`);
	for (const item of items) expect(item.status === 'completed' && typeof item.taskId === 'string', `not completed: ${JSON.stringify(item)}`);
};

export const OPERATION_CASES: OperationCase[] = [
	{ name: 'image.upscale', parameters: image('upscale', { ...fromBody('image'), upscaleFactor: 4 }), body: { image: png }, expect: completed(), file: { format: 'png', width: 160, height: 120 } },
	{ name: 'image.retouchSkin', parameters: image('retouchSkin', fromBody('image')), body: { image: jpeg }, expect: completed(), file: { format: 'jpeg', width: 48, height: 32 } },
	{ name: 'image.textToImage', parameters: image('textToImage', { content: 'a lighthouse at dawn', sizeId: '16:9' }), expect: completed(), file: { format: 'png', width: 256, height: 144 } },
	{ name: 'image.imageToImage', parameters: image('imageToImage', { ...fromBody('image'), templateId: 'ca39d44f-e8c8-4a3e-9d09-c3f96cb2fe60', format: 'png' }), body: { image: jpeg }, expect: completed(), file: { format: 'png', width: 48, height: 32 } },
	{ name: 'image.removeBackground', parameters: image('removeBackground', fromBody('image')), body: { image: jpeg }, expect: completed(), file: { format: 'png', width: 48, height: 32 } },
	{
		name: 'image.headshot',
		parameters: image('headshot', { ...fromBody('image'), templates: { template: [{ templateId: 'tpl-1', count: 2 }] } }),
		body: { image: jpeg },
		expect: completed(2),
		file: { format: 'jpeg', width: 256, height: 256 },
	},
	{
		name: 'image.generate',
		parameters: image('generate', {
			prompt: 'the sneaker on a marble plinth, soft daylight',
			model: 'flux-2-pro',
			aspectRatio: '4:3',
			resolution: '1k',
			referenceImages: { image: [{ imageSource: 'base64', imageBase64: '={{ $json.body.image }}' }] },
		}),
		body: { image: jpeg },
		expect: (items) => {
			completed()(items);
			const [item] = items;
			expect(item.model === 'flux-2-pro' && item.width === 1184 && item.height === 880 && Array.isArray(item.sizeAdjustments), JSON.stringify(item));
		},
		file: { format: 'png', width: 1184, height: 880 },
	},
	{
		name: 'video.generate',
		parameters: {
			resource: 'video',
			operation: 'generate',
			mode: 'img2video',
			img2videoModel: 'kling-v3',
			...fromBody('image'),
			prompt: 'the camera slowly circles the product',
			duration: 3,
			resolution: '720p',
			aspectRatio: '16:9',
			...FAST,
		},
		body: { image: jpeg },
		expect: (items) => {
			completed()(items);
			const [item] = items;
			expect(item.mode === 'img2video' && item.model === 'kling-v3' && item.mimeType === 'video/mp4', JSON.stringify(item));
		},
		file: { format: 'mp4', width: 1280, height: 720, durationSeconds: 3 },
	},
	{ name: 'image.colorize', parameters: image('colorize', fromBody('image')), body: { image: jpeg }, expect: completed(), file: { format: 'jpeg', width: 48, height: 32 } },
	// Dropdowns and switches set by expressions: n8n must run the workflow (no "Parameter … is required").
	{
		name: 'image.colorize-by-expression',
		parameters: image('colorize', { imageSource: '={{ $json.body.source }}', imageBase64: '={{ $json.body.image }}', modelName: '={{ $json.body.model }}', watermarked: '={{ $json.body.mark }}' }),
		body: { source: 'base64', image: jpeg, model: 'artistic', mark: 'true' },
		expect: completed(),
		file: { format: 'jpeg', width: 48, height: 32 },
	},
	{ name: 'image.restore', parameters: image('restore', fromBody('image')), body: { image: jpeg }, expect: completed(), file: { format: 'jpeg', width: 96, height: 64 } },
	{ name: 'image.faceSwap', parameters: image('faceSwap', { ...fromBody('image'), ...fromBody('targetImage') }), body: { image: jpeg, targetImage: png }, expect: completed(), file: { format: 'png', width: 40, height: 30 } },
	{ name: 'image.replace', parameters: image('replace', { ...fromBody('image'), ...fromBody('mask'), content: 'Butterfly' }), body: { image: png, mask: png }, expect: completed(), file: { format: 'png', width: 40, height: 30 } },
	{
		name: 'account.getCredits',
		parameters: { resource: 'account', operation: 'getCredits' },
		expect: (items) => expect(typeof items[0]?.remaining === 'number' && typeof items[0]?.total === 'number', JSON.stringify(items)),
	},
	{
		name: 'editorSdk.getTemporaryToken',
		parameters: { resource: 'editorSdk', operation: 'getTemporaryToken', timeout: 600 },
		expect: (items) => expect(/^tp_[0-9a-f]{32}$/.test(String(items[0]?.token)), JSON.stringify(items)),
	},
];

async function waitForWebhook(n8n: N8nInstance, path: string, body: unknown) {
	for (let attempt = 0; attempt < 120; attempt++) {
		const response = await n8n.webhook(path, body);
		if (response.status !== 404) return response;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`webhook ${path} never became active`);
}

const json = (buffer: Buffer) => JSON.parse(buffer.toString('utf8')) as Array<Record<string, unknown>>;

/** Every scenario of the suite against one running n8n. */
export async function runScenarios(suite: Suite, n8n: N8nInstance, sim: FotorSimulator, triggerAvailable: boolean, filesDir: string) {
	const credentialData = {
		apiKey: 'sim-test-key',
		environment: 'custom',
		customBaseUrl: sim.url,
		storageBaseUrl: sim.storageBaseUrl,
		// n8n 1.1xx adds a domain allow-list to every credential and its public API requires the fields.
		...(n8n.version.startsWith('1.') && { allowedHttpRequestDomains: 'all' }),
	};
	const credential = await n8n.api<{ id: string; name: string }>('POST', '/credentials', { name: 'Fotor simulator', type: 'fotorApi', data: credentialData });
	const ref = { id: credential.id, name: credential.name };
	const tag = n8n.version.replace(/\./g, '-');

	await suite.check(`[n8n ${n8n.version}] credential test passes for a good key`, async () => {
		const result = await n8n.rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { id: credential.id, name: credential.name, type: 'fotorApi', data: credentialData },
		});
		expect(result.status === 'OK', `credential test: ${JSON.stringify(result)}`);
		expect(sim.requests.some((r) => r.path === '/v1/credits' && r.status === 200), 'the test did not call GET /v1/credits');
	});

	await suite.check(`[n8n ${n8n.version}] credential test fails clearly for a bad key`, async () => {
		const result = await n8n.rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { id: credential.id, name: credential.name, type: 'fotorApi', data: { ...credentialData, apiKey: 'wrong-key' } },
		});
		expect(result.status === 'Error', `expected an error, got ${JSON.stringify(result)}`);
		expect(/401|auth|credential|forbidden/i.test(result.message), `unclear message: ${result.message}`);
	});

	// Create and publish every operation workflow first: activation is asynchronous.
	const workflows = OPERATION_CASES.flatMap((c) =>
		(['allEntries', 'firstEntryBinary'] as const)
			.filter((respond) => respond === 'allEntries' || c.file)
			.map((respond) => ({ c, respond, path: `${tag}-${c.name.replace('.', '-')}-${respond}` })),
	);
	for (const workflow of workflows) {
		const created = await n8n.api<{ id: string }>('POST', '/workflows', webhookToFotor({ path: workflow.path, credential: ref, parameters: workflow.c.parameters, respond: workflow.respond }));
		await publishWorkflow(n8n, created.id);
	}
	for (const { c, respond, path } of workflows) {
		await suite.check(`[n8n ${n8n.version}] ${c.name} (${respond === 'allEntries' ? 'JSON' : 'binary'})`, async () => {
			const response = await waitForWebhook(n8n, path, c.body ?? {});
			expect(response.status === 200, `HTTP ${response.status}: ${response.body.toString().slice(0, 300)}`);
			if (respond === 'allEntries') return c.expect(json(response.body));
			const want = c.file!;
			if (want.format === 'mp4') {
				const video = probeMp4(response.body);
				expect(video, `response is not an MP4 (${String(response.headers['content-type'])}, ${response.body.length} bytes)`);
				const track = video.tracks.find((t) => t.handler === 'vide');
				expect(
					String(response.headers['content-type']).startsWith('video/mp4') && track?.width === want.width && track.height === want.height && video.durationSeconds === want.durationSeconds,
					`got ${JSON.stringify(video)}, want ${JSON.stringify(want)}`,
				);
				return;
			}
			const info = probeImage(response.body);
			expect(info, `response is not an image (${String(response.headers['content-type'])})`);
			expect(info.format === want.format && info.width === want.width && info.height === want.height, `got ${JSON.stringify(info)}, want ${JSON.stringify(want)}`);
		});
	}

	await suite.check(`[n8n ${n8n.version}] task.get returns a task submitted with wait off`, async () => {
		const submitPath = `${tag}-submit-only`;
		const getPath = `${tag}-task-get`;
		const submit = await n8n.api<{ id: string }>('POST', '/workflows', webhookToFotor({ path: submitPath, credential: ref, respond: 'allEntries', parameters: image('upscale', { ...fromBody('image'), waitForCompletion: false }) }));
		const get = await n8n.api<{ id: string }>('POST', '/workflows', webhookToFotor({ path: getPath, credential: ref, respond: 'allEntries', parameters: { resource: 'task', operation: 'get', taskId: '={{ $json.body.taskId }}' } }));
		await publishWorkflow(n8n, submit.id);
		await publishWorkflow(n8n, get.id);
		const [submitted] = json((await waitForWebhook(n8n, submitPath, { image: png })).body);
		expect(submitted.status === 'processing', JSON.stringify(submitted));
		await new Promise((resolve) => setTimeout(resolve, sim.options.taskDurationMs + 200));
		const [task] = json((await waitForWebhook(n8n, getPath, { taskId: submitted.taskId })).body);
		expect(task.taskId === submitted.taskId && task.status === 'completed', JSON.stringify(task));
	});

	await suite.check(`[n8n ${n8n.version}] continue on fail keeps the other items`, async () => {
		const path = `${tag}-continue-on-fail`;
		const small = renderImage({ format: 'png', width: 9, height: 9 }).toString('base64');
		const wf = await n8n.api<{ id: string }>('POST', '/workflows', webhookToFotor({
			path,
			credential: ref,
			respond: 'allEntries',
			splitItems: true,
			continueOnFail: true,
			parameters: image('upscale', { imageSource: 'base64', imageBase64: '={{ $json.image }}' }),
		}));
		await publishWorkflow(n8n, wf.id);
		sim.injectTaskOutcome({ status: 2, msg: 'no face found', match: small });
		const items = json((await waitForWebhook(n8n, path, { items: [{ image: png }, { image: small }, { image: jpeg }] })).body);
		expect(items.length === 3, `expected 3 items, got ${items.length}: ${JSON.stringify(items).slice(0, 500)}`);
		expect(items[0].status === 'completed' && items[2].status === 'completed', JSON.stringify(items).slice(0, 500));
		expect(/no face found/.test(String(items[1].error)), `middle item: ${JSON.stringify(items[1])}`);
	});

	if (!triggerAvailable) return suite.skip(`[n8n ${n8n.version}] Fotor Trigger`, 'trigger node not present');
	await suite.check(`[n8n ${n8n.version}] Fotor Trigger starts a workflow from the simulator's webhook`, async () => {
		const webhookId = `fotor-e2e-${tag}`;
		const wf = await n8n.api<{ id: string }>('POST', '/workflows', {
			name: `e2e trigger ${tag}`,
			nodes: [
				{
					id: 'trigger',
					name: 'Fotor Trigger',
					type: `${NODE_PREFIX}.fotorTrigger`,
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: { outcome: 'completed', taskTypes: ['imgupscale'], download: true, security: { allowedIps: '127.0.0.1' } },
					credentials: { fotorApi: ref },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		await publishWorkflow(n8n, wf.id);
		const hookUrl = `${n8n.baseUrl}/webhook/${webhookId}/fotor`;
		await waitUntilRegistered(hookUrl);
		sim.configure({ webhookUrl: hookUrl });
		const before = sim.webhookDeliveries.length;
		const submitted = await request(`${sim.url}/v1/aiart/imgupscale`, {
			method: 'POST',
			headers: { authorization: 'Bearer sim-test-key', 'content-type': 'application/json' },
			body: JSON.stringify({ upscaling_resize: 2, userImageUrl: `data:image/png;base64,${png}`, max_image_width: 2048, max_image_height: 2048 }),
		});
		const taskId = ((await submitted.body.json()) as { data: { taskId: string } }).data.taskId;
		await sim.waitForWebhookDeliveries(before + 1, 15_000);
		sim.configure({ webhookUrl: '' });
		const delivery = sim.webhookDeliveries[before];
		expect(delivery.status === 200, `delivery answered ${delivery.status ?? delivery.error}`);
		let execution: { data?: { resultData?: { runData?: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, { mimeType: string }> }>> } }>> } } } | undefined;
		for (let attempt = 0; attempt < 60 && !execution; attempt++) {
			const list = await n8n.api<{ data: Array<{ id: string; status?: string; finished?: boolean }> }>('GET', `/executions?workflowId=${wf.id}&includeData=true`);
			execution = list.data.find((e) => e.finished || e.status === 'success') as typeof execution;
			if (!execution) await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(execution, 'no execution of the trigger workflow');
		const item = execution.data?.resultData?.runData?.['Fotor Trigger']?.[0]?.data.main[0][0];
		expect(item?.json.taskId === taskId && item.json.status === 'completed', `trigger item: ${JSON.stringify(item?.json)}`);
		expect(item?.binary?.data?.mimeType === 'image/png', `trigger binary: ${JSON.stringify(item?.binary)}`);
	});

	await suite.check(`[n8n ${n8n.version}] every example workflow runs and writes its images and videos`, async () => {
		const results = await runExamples(n8n, sim, ref, { inputDir: join(filesDir, 'input'), outputDir: join(filesDir, 'output') });
		expect(results.length === 8, `expected 8 examples, ran ${results.length}`);
		for (const result of results) {
			expect(result.status === 'success', `${result.workflow}: ${result.status}`);
			const expected = result.operations.includes('removeBackground') ? 3 : result.workflow.startsWith('submit-now') || result.workflow.startsWith('low-balance') ? 0 : 1;
			expect(result.files.length === expected, `${result.workflow}: files ${JSON.stringify(result.files)}`);
			for (const file of result.files) {
				const bytes = readFileSync(join(REPO_ROOT, file));
				if (file.endsWith('.mp4')) expect(probeMp4(bytes)?.tracks.some((track) => track.handler === 'vide'), `${file} is not a playable MP4`);
				else expect(probeImage(bytes), `${file} is not an image`);
			}
		}
		// The simulator's 1000 tokens are under the example's threshold: one message with a payment link.
		const alert = results.find((result) => result.workflow.startsWith('low-balance'));
		expect(alert?.lastOutput.length === 1 && /tokens left\. Cheapest top-up: 500 Tokens .* for 39\.99 USD: http/.test(String(alert.lastOutput[0].message)), `balance alert: ${JSON.stringify(alert?.lastOutput)}`);
		const video = results.find((result) => result.operations.includes('video.generate'));
		expect(video?.files.some((file) => file.endsWith('.mp4')), `the video example wrote no MP4: ${JSON.stringify(video)}`);
	});

	await runSpendAndRetryScenarios(suite, n8n, sim, ref);
}
