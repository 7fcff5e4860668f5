import type { IExecuteFunctions } from 'n8n-workflow';

import type { SpendReport } from '../../shared/spend/runSpend';

/** "Fotor: 3 tasks, 3 tokens charged, 997 tokens left": an execution hint and a log line per run that submitted tasks. */
export function reportSpend(context: IExecuteFunctions, report: SpendReport): void {
	if (report.tasks === 0) return;
	const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	const parts = [
		plural(report.tasks, 'task'),
		`${plural(report.charged, 'token')} charged${report.unreported ? ` (${report.unreported} not yet reported by Fotor, counted at their estimate)` : ''}`,
		...(report.balanceLeft !== undefined ? [`about ${plural(report.balanceLeft, 'token')} left on the account`] : []),
	];
	const message = `Fotor: ${parts.join(', ')}`;
	context.logger?.info(message);
	if (typeof context.addExecutionHints === 'function') context.addExecutionHints({ message, location: 'outputPane' });
}
