/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { request } from 'undici';

import { startSimulator } from './index';
import type { FotorSimulator } from './server';

export const TEST_KEY = 'sim-test-key';
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Envelope = { code?: string; msg?: string; data?: Record<string, unknown> };

/**
 * One simulator for a test file: started before its tests, reset (and its task time restored)
 * after each, closed at the end. Returns a getter, for use in the tests and in simulatorClient.
 */
export function useFileSimulator(taskDurationMs?: number): () => FotorSimulator {
	let sim: FotorSimulator | undefined;
	const settings = taskDurationMs === undefined ? undefined : { taskDurationMs };
	beforeAll(async () => (sim = await startSimulator(settings)));
	afterAll(async () => await sim?.close());
	afterEach(() => {
		sim?.reset();
		if (settings) sim?.configure(settings);
	});
	return () => {
		if (!sim) throw new Error('the simulator is not started yet');
		return sim;
	};
}

/** HTTP helpers for the simulator's contract tests (real requests with undici). */
export function simulatorClient(sim: () => FotorSimulator) {
	async function call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, key = TEST_KEY) {
		const response = await request(`${sim().url}${path}`, {
			method,
			headers: { ...(key && { authorization: `Bearer ${key}` }), 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.body.text();
		let json: Envelope | undefined;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.statusCode, headers: response.headers, text, json };
	}

	async function download(url: string) {
		const response = await request(url);
		return {
			status: response.statusCode,
			type: response.headers['content-type'],
			length: Number(response.headers['content-length']),
			bytes: Buffer.from(await response.body.arrayBuffer()),
		};
	}

	/** Downloads without keeping the body: its length as received, and its first `headBytes`. */
	async function downloadHead(url: string, headBytes = 64 * 1024) {
		const response = await request(url);
		const head: Buffer[] = [];
		let received = 0;
		for await (const chunk of response.body) {
			const part = chunk as Buffer;
			if (received < headBytes) head.push(part.subarray(0, headBytes - received));
			received += part.length;
		}
		return {
			status: response.statusCode,
			type: response.headers['content-type'],
			length: Number(response.headers['content-length']),
			received,
			head: Buffer.concat(head),
		};
	}

	/** Submits to /v1/aiart/`path` and expects Fotor's success envelope. */
	async function submit(path: string, body: unknown): Promise<string> {
		const submitted = await call('POST', `/v1/aiart/${path}`, body);
		expect(submitted.json).toMatchObject({ code: '000', msg: 'success', data: { taskId: expect.stringMatching(/^[0-9a-f]{32}$/) } });
		return String(submitted.json?.data?.taskId);
	}

	/** Polls Query Task Details until the task leaves status 0; its data. */
	async function waitForTask(taskId: string, timeoutMs = 5000): Promise<Record<string, unknown>> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const data = (await call('GET', `/v1/aiart/tasks/${taskId}`)).json?.data as Record<string, unknown>;
			if (data?.status !== 0 || Date.now() > deadline) return data;
			await sleep(20);
		}
	}

	const runTask = async (path: string, body: unknown) => await waitForTask(await submit(path, body));

	return { call, download, downloadHead, submit, waitForTask, runTask };
}
