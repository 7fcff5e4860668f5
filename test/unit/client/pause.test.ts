/* eslint-disable @n8n/community-nodes/no-restricted-globals */
type Pause = (ms: number, signal?: AbortSignal) => Promise<void>;

/** pause.ts loaded against the given n8n-workflow line (the host n8n provides one of them). */
function pauseWith(workflowPackage: 'n8n-workflow' | 'n8n-workflow-v1'): Pause {
	let loaded: Pause | undefined;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => jest.requireActual(workflowPackage));
		loaded = (jest.requireActual('../../../nodes/shared/client/pause') as { pause: Pause }).pause;
	});
	jest.dontMock('n8n-workflow');
	if (!loaded) throw new Error('pause.ts did not load');
	return loaded;
}

/** How long the wait `run` starts takes to settle once its signal is aborted (after `abortAfterMs`), and how. */
async function settleAfterAbort(run: (signal: AbortSignal) => Promise<void>, abortAfterMs = 30): Promise<{ ms: number; error?: Error }> {
	const controller = new AbortController();
	const settled = run(controller.signal).then(
		() => ({ error: undefined }),
		(error: Error) => ({ error }),
	);
	await new Promise((resolve) => setTimeout(resolve, abortAfterMs));
	const abortedAt = Date.now();
	controller.abort();
	let timer: NodeJS.Timeout | undefined;
	const outcome = await Promise.race([settled, new Promise<'pending'>((resolve) => (timer = setTimeout(() => resolve('pending'), 1_000)))]);
	clearTimeout(timer);
	if (outcome === 'pending') return { ms: Number.POSITIVE_INFINITY };
	return { ms: Date.now() - abortedAt, error: outcome.error };
}

describe('pause (Stop ends every wait, on n8n 1.x and 2.x)', () => {
	it('n8n-workflow 1.x really is the line whose sleep ignores the signal (so the test below can fail)', async () => {
		const v1 = jest.requireActual<{ sleep: Pause; sleepWithAbort?: unknown }>('n8n-workflow-v1');
		expect(typeof v1.sleepWithAbort).toBe('function');
		const { ms, error } = await settleAfterAbort((signal) => v1.sleep(300, signal));
		expect(ms).toBeGreaterThan(200); // ran its full 300 ms despite the abort
		expect(error).toBeUndefined();
	});

	it('on n8n 2.x a 60 s pause ends within 50 ms of the abort, as a rejection', async () => {
		const pause = pauseWith('n8n-workflow');
		const { ms, error } = await settleAfterAbort((signal) => pause(60_000, signal));
		expect(error).toBeDefined();
		expect(ms).toBeLessThan(50);
	});

	it('on n8n 1.x a 60 s pause ends within 50 ms of the abort, through 1.x’s sleepWithAbort', async () => {
		const pause = pauseWith('n8n-workflow-v1');
		const { ms, error } = await settleAfterAbort((signal) => pause(60_000, signal));
		// The 1.x helper's own error: pause.ts really ran against n8n-workflow 1.x.
		expect(error?.name).toBe('ManualExecutionCancelledError');
		expect(ms).toBeLessThan(50);
	});

	it.each([
		['2.x', 'n8n-workflow'],
		['1.x', 'n8n-workflow-v1'],
	] as const)('on n8n %s an already aborted signal rejects at once, and no signal waits the full time', async (_line, workflowPackage) => {
		const pause = pauseWith(workflowPackage);
		const controller = new AbortController();
		controller.abort();
		await expect(pause(60_000, controller.signal)).rejects.toThrow(/cancelled/);
		const started = Date.now();
		await pause(60);
		expect(Date.now() - started).toBeGreaterThanOrEqual(55);
	});
});
