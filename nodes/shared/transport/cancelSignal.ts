import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';

/** The execution's cancel signal where the context has one (only execute contexts do). */
export function executionCancelSignal(
	context: IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IWebhookFunctions,
): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}
