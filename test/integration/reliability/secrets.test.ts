/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { runNode, type RunNodeResult } from '../../harness/runNode';
import { base64Image } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';
import { FAULT_ROWS } from './faultMatrix';

// A key that cannot appear by accident: if it shows up anywhere, it leaked.
const SECRET = ['fotor', 'secret', 'key', Date.now().toString(36), 'leak', 'canary'].join('-');
const png = base64Image(8, 8);

const OPERATIONS = [
	imageParameters('upscale', { imageSource: 'base64', imageBase64: png }),
	imageParameters('retouchSkin', { imageSource: 'base64', imageBase64: png }),
	imageParameters('textToImage', { content: 'a fox' }),
	imageParameters('imageToImage', { imageSource: 'base64', imageBase64: png, templateId: 't' }),
	imageParameters('removeBackground', { imageSource: 'base64', imageBase64: png }, { imageUpload: 'signedUpload' }),
	imageParameters('headshot', { imageSource: 'base64', imageBase64: png, templates: { template: [{ templateId: 't', count: 2 }] } }),
	imageParameters('colorize', { imageSource: 'base64', imageBase64: png }),
	imageParameters('restore', { imageSource: 'base64', imageBase64: png }),
	imageParameters('faceSwap', { imageSource: 'base64', imageBase64: png, targetImageSource: 'base64', targetImageBase64: png }),
	imageParameters('replace', { imageSource: 'base64', imageBase64: png, maskSource: 'base64', maskBase64: png, content: 'cat' }),
	{ resource: 'account', operation: 'getCredits' },
	{ resource: 'editorSdk', operation: 'getTemporaryToken', timeout: 60 },
	{ resource: 'task', operation: 'get', taskId: 'e0dc194703174b6eafeacb4ee8e02850' },
];

describe('the API key never appears in outputs, errors or logs', () => {
	const sim = useSimulator({ apiKeys: [SECRET] });
	const logged: string[] = [];
	const spies: jest.SpyInstance[] = [];
	beforeAll(() => {
		for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))));
		}
		for (const stream of [process.stdout, process.stderr]) {
			const write = stream.write.bind(stream);
			spies.push(
				jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
					logged.push(String(chunk));
					return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
				}) as typeof stream.write),
			);
		}
	});
	afterAll(() => spies.forEach((spy) => spy.mockRestore()));

	const scan = (result: RunNodeResult) => {
		const error = result.error as (Error & Record<string, unknown>) | undefined;
		const everything = JSON.stringify({
			items: result.items,
			error: error && { ...error, message: error.message, description: error.description, stack: error.stack },
			run: result.run?.data,
		});
		expect(everything).not.toContain(SECRET);
	};

	it.each(OPERATIONS.map((parameters) => [`${parameters.resource}.${parameters.operation}`, parameters] as const))('%s', async (_name, parameters) => {
		scan(await runNode({ parameters, credentials: simulatorCredentials(sim(), SECRET) }));
	});

	it.each(FAULT_ROWS.map((row) => [row.fault, row] as const))('fault: %s', async (_name, row) => {
		sim().configure({ apiKeys: [SECRET], taskDurationMs: 100 });
		if (row.inject?.fault) sim().injectFault({ ...row.inject.fault, match: undefined });
		if (row.inject?.outcome) sim().injectTaskOutcome({ ...row.inject.outcome, match: undefined });
		scan(await runNode({ parameters: imageParameters('textToImage', { content: 'x' }, { ...row.options }), credentials: simulatorCredentials(sim(), SECRET) }));
		if (row.settleMs) await new Promise((resolve) => setTimeout(resolve, row.settleMs));
	});

	it('a wrong key (401) and a key Fotor echoes back are redacted too', async () => {
		scan(await runNode({ parameters: { resource: 'account', operation: 'getCredits' }, credentials: simulatorCredentials(sim(), `${SECRET}-wrong`) }));
		expect(sim().requests.at(-1)?.status).toBe(401);
	});

	afterAll(() => {
		expect(logged.join('\n')).not.toContain(SECRET);
	});
});
