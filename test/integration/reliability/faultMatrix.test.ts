/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/runNode';
import { imageGenerate, videoGenerate } from '../generation/support';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';
import { FAULT_ROWS, MIDDLE, type FaultRow, type MatrixOperation } from './faultMatrix';

const PROMPTS = ['a red kite over dunes', `a lighthouse at dusk ${MIDDLE}`, 'a bowl of ramen'];
const PROMPT = '={{ $json.prompt }}';
const RECOMMENDED_FALLBACK = { fallbackModel: 'recommended' };

/** How each operation of the matrix is run, and where its submit body carries the prompt. */
const OPERATIONS: Record<MatrixOperation, { parameters: (row: FaultRow, options: INodeParameters) => INodeParameters; promptOf: (body: unknown) => unknown }> = {
	'image.textToImage': {
		parameters: (_row, options) => imageParameters('textToImage', { content: PROMPT }, options),
		promptOf: (body) => (body as { content?: string })?.content,
	},
	'image.generate': {
		parameters: (row, options) => imageGenerate({ prompt: PROMPT, resolution: '1k', ...(row.fallback && RECOMMENDED_FALLBACK) }, options),
		promptOf: (body) => (body as { content?: Array<{ text?: string }> })?.content?.[0]?.text,
	},
	'video.generate': {
		parameters: (row, options) => videoGenerate({ prompt: PROMPT, resolution: '720p', ...(row.fallback && RECOMMENDED_FALLBACK) }, options),
		promptOf: (body) => (body as { prompt?: string })?.prompt,
	},
};

const CASES = FAULT_ROWS.flatMap((row) => (row.operations ?? ['image.textToImage' as const]).map((operation) => [`${row.fault} [${operation}]`, row, operation] as const));

describe('fault matrix: a three-item batch through n8n-core, the fault hitting the middle item', () => {
	const sim = useSimulator();

	it.each(CASES)('%s', async (_name, row, operation) => {
		const { parameters, promptOf } = OPERATIONS[operation];
		sim().configure({ taskDurationMs: 150 });
		if (row.inject?.fault) sim().injectFault(row.inject.fault);
		if (row.inject?.outcome) sim().injectTaskOutcome(row.inject.outcome);
		// The restart is awaited before the test ends, so its downtime never spills into the next row.
		const restartAfterMs = row.inject?.restartAfterMs;
		const restarted =
			restartAfterMs === undefined ? undefined : new Promise<void>((resolve) => setTimeout(() => void sim().restart(1500).then(resolve, resolve), restartAfterMs));

		const result = await runNode({
			parameters: parameters(row, { parallelTasks: 3, ...row.options }),
			items: PROMPTS.map((prompt) => ({ json: { prompt } })),
			credentials: simulatorCredentials(sim()),
			continueOnFail: true,
		});
		await restarted;

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const failed = result.items.map((item, index) => (item.json.error ? index : -1)).filter((index) => index >= 0);
		if (row.expect.kind === 'error') {
			expect(failed).toHaveLength(1);
			if (!row.expect.anyItem) expect(failed).toEqual([1]);
			expect(String(result.items[failed[0]].json.error)).toMatch(row.expect.message);
			for (const [index, item] of result.items.entries()) if (index !== failed[0]) expect(item.json.status).toBe('completed');
		} else {
			expect(failed).toEqual([]);
			expect(result.items.every((item) => item.json.status === 'completed' && item.binary?.data)).toBe(true);
			const fellBack = result.items.map((item) => item.json.fallbackUsed !== undefined);
			expect(fellBack).toEqual([false, row.expect.kind === 'fallback', false]);
		}

		if (row.settleMs) await new Promise((resolve) => setTimeout(resolve, row.settleMs));
		// Billing: no item is ever accepted twice; refused attempts (429) are the only resubmits.
		for (const [index, prompt] of PROMPTS.entries()) {
			const accepted = sim().submits.filter((s) => s.accepted && promptOf(s.body) === prompt).length;
			expect([index, accepted]).toEqual([index, index === 1 ? (row.acceptedSubmits ?? 1) : 1]);
			const attempts = sim().submits.filter((s) => promptOf(s.body) === prompt);
			expect(attempts.filter((s) => s.httpStatus !== 429).length).toBeLessThanOrEqual(1);
		}
	});
});
