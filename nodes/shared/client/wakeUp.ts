/**
 * Waits in `waiters` until someone calls the wake function it added there (which also removes
 * it), or rejects when `signal` aborts. For queues whose owner wakes waiters when room frees up.
 */
export async function waitToBeWoken(waiters: Set<() => void>, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw new Error('The execution was cancelled');
	await new Promise<void>((resolve, reject) => {
		const wake = () => {
			signal?.removeEventListener('abort', onAbort);
			waiters.delete(wake);
			resolve();
		};
		const onAbort = () => {
			waiters.delete(wake);
			reject(new Error('The execution was cancelled'));
		};
		waiters.add(wake);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
