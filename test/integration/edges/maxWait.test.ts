import { runNode } from '../../harness/runNode';
import { base64Image } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

/** Max Wait is a deadline for the result, not for the next scheduled poll. */
describe('Max Wait', () => {
	const sim = useSimulator();
	const upscale = (options: Record<string, number>) =>
		imageParameters('upscale', { upscaleFactor: 2, imageSource: 'base64', imageBase64: base64Image(8, 8) }, { returnMode: 'url', ...options });

	it('a task finishing at ~1.7 s completes with Max Wait 2 s and Max Poll Interval 0.5 s (one last poll at the deadline)', async () => {
		sim().configure({ taskDurationMs: 1_700 });
		const result = await runNode({ parameters: upscale({ maxWait: 2, pollInterval: 0.5 }), credentials: simulatorCredentials(sim()) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 'completed', taskId: sim().submits[0].taskId });
	});

	it('a longer task is reported "still running after X s" with X the real wait, at least Max Wait', async () => {
		sim().configure({ taskDurationMs: 60_000 });
		const started = Date.now();
		const result = await runNode({ parameters: upscale({ maxWait: 2, pollInterval: 1.5 }), credentials: simulatorCredentials(sim()) });
		const elapsedMs = Date.now() - started;

		const taskId = sim().submits[0].taskId;
		const reported = Number(new RegExp(`^Fotor task ${taskId} is still running after ([\\d.]+) s$`).exec(result.error?.message ?? '')?.[1]);
		expect(reported).toBeGreaterThanOrEqual(2);
		expect(reported * 1000).toBeLessThanOrEqual(elapsedMs + 100);
		expect(elapsedMs).toBeGreaterThanOrEqual(2_000);
		expect(elapsedMs).toBeLessThan(4_000);
		expect(result.error?.description).toContain(`Task → Get (task ID ${taskId})`);
	});
});
