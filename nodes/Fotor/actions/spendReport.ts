import type { IExecuteFunctions } from 'n8n-workflow';

import type { SpendReport } from '../../shared/spend/runSpend';

/**
 * "Fotor: 3 tasks, 3 tokens charged, about 997 tokens left on the account": an execution hint and a
 * log line per run that submitted tasks. n8n keeps hints only of a node that succeeds, so a run
 * that fails gets the line in its error's description too. Returns the line (undefined: no task).
 */
export function reportSpend(context: IExecuteFunctions, report: SpendReport): string | undefined {
	if (report.tasks === 0) return undefined;
	const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	const parts = [
		plural(report.tasks, 'task'),
		`${plural(report.charged, 'token')} charged${report.unreported ? ` (${report.unreported} not yet reported by Fotor, counted at their estimate)` : ''}`,
		...(report.balanceLeft !== undefined ? [`about ${plural(report.balanceLeft, 'token')} left on the account`] : []),
	];
	const message = `Fotor: ${parts.join(', ')}`;
	context.logger?.info(message);
	if (typeof context.addExecutionHints === 'function') context.addExecutionHints({ message, location: 'outputPane' });
	return message;
}
