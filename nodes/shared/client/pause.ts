import * as n8nWorkflow from 'n8n-workflow';

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * n8n-workflow 2.x's `sleep(ms, signal)` ends early when the signal aborts; 1.x's ignores the
 * signal and exports `sleepWithAbort` instead. The package runs on both lines, so the right one
 * is picked at run time from whichever n8n-workflow the host n8n provides.
 */
const workflowHelpers = n8nWorkflow as unknown as { sleep: Sleep; sleepWithAbort?: (ms: number, signal: AbortSignal) => Promise<void> };

/** Waits `ms`, or rejects as soon as `signal` aborts (Stop in n8n), on n8n 1.x and 2.x. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw new Error('The execution was cancelled');
	if (signal && typeof workflowHelpers.sleepWithAbort === 'function') return await workflowHelpers.sleepWithAbort(ms, signal);
	return await workflowHelpers.sleep(ms, signal);
}
