/* eslint-disable @n8n/community-nodes/no-restricted-globals */
import { runNode } from '../../harness/runNode';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';
import { FAULT_ROWS, MIDDLE } from './faultMatrix';

const PROMPTS = ['a red kite over dunes', `a lighthouse at dusk ${MIDDLE}`, 'a bowl of ramen'];

describe('fault matrix: a three-item batch through n8n-core, the fault hitting the middle item', () => {
	const sim = useSimulator();

	it.each(FAULT_ROWS.map((row) => [row.fault, row] as const))('%s', async (_name, row) => {
		sim().configure({ taskDurationMs: 150 });
		if (row.inject?.fault) sim().injectFault(row.inject.fault);
		if (row.inject?.outcome) sim().injectTaskOutcome(row.inject.outcome);
		if (row.inject?.restartAfterMs) setTimeout(() => void sim().restart(1500), row.inject.restartAfterMs);

		const result = await runNode({
			parameters: imageParameters('textToImage', { content: '={{ $json.prompt }}' }, { parallelTasks: 3, ...row.options }),
			items: PROMPTS.map((prompt) => ({ json: { prompt } })),
			credentials: simulatorCredentials(sim()),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const failed = result.items.map((item, index) => (item.json.error ? index : -1)).filter((index) => index >= 0);
		if (row.expect.kind === 'retried') {
			expect(failed).toEqual([]);
			expect(result.items.every((item) => item.json.status === 'completed' && item.binary?.data)).toBe(true);
		} else {
			expect(failed).toHaveLength(1);
			if (!row.expect.anyItem) expect(failed).toEqual([1]);
			expect(String(result.items[failed[0]].json.error)).toMatch(row.expect.message);
			for (const [index, item] of result.items.entries()) if (index !== failed[0]) expect(item.json.status).toBe('completed');
		}

		if (row.settleMs) await new Promise((resolve) => setTimeout(resolve, row.settleMs));
		// Billing: no item is ever accepted twice; refused attempts (429) are the only resubmits.
		for (const [index, prompt] of PROMPTS.entries()) {
			const accepted = sim().submits.filter((s) => s.accepted && (s.body as { content?: string })?.content === prompt).length;
			expect([index, accepted]).toEqual([index, index === 1 ? (row.acceptedSubmits ?? 1) : 1]);
			const attempts = sim().submits.filter((s) => (s.body as { content?: string })?.content === prompt);
			expect(attempts.filter((s) => s.httpStatus !== 429).length).toBeLessThanOrEqual(1);
		}
	});
});
