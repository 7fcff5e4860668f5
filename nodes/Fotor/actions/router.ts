import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { FotorClient } from '../../shared/client/FotorClient';
import { mapWithConcurrency } from './concurrency';
import { failureItem, withAcceptedTasks } from './failureOutput';
import { findOperation } from './operationRegistry';
import { PaidTaskRecords } from './paidTasks';
import { readRunOptions } from './runOptions';
import { reportSpend } from './spendReport';

type Prepared = { ok: true; input: unknown } | { ok: false; error: NodeApiError | NodeOperationError };

const asNodeError = (context: IExecuteFunctions, error: unknown, itemIndex: number) =>
	error instanceof NodeApiError || error instanceof NodeOperationError
		? error
		: new NodeOperationError(context.getNode(), error as Error, { itemIndex });

const RETRY_ON_FAIL_WARNING =
	'The node setting "Retry On Fail" re-runs the whole node, so every item is submitted and billed again. The Fotor node already retries safely on its own (never repeating a submit that may have been accepted). Turn Retry On Fail off and use On Error → Continue to keep the other items\' results.';

function warnAboutRetryOnFail(context: IExecuteFunctions): void {
	context.logger?.warn(RETRY_ON_FAIL_WARNING);
	if (typeof context.addExecutionHints === 'function') context.addExecutionHints({ message: RETRY_ON_FAIL_WARNING, location: 'outputPane' });
}

/**
 * The item loop of the Fotor node. First every item's fields are read and checked (no call to
 * Fotor), so a bad value stops the run before anything is billed; then the items run at Fotor,
 * several at once. When the run stops on an error, no new submit starts and the error lists
 * the tasks Fotor had already accepted, so paid work is never lost without a trace; tasks whose
 * results were not returned are recorded so n8n's Retry collects them instead of paying again.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of resource "${resource}" is not supported`);
	}
	if (this.getNode().retryOnFail) warnAboutRetryOnFail(this);
	const continueOnFail = this.continueOnFail();
	const runOptions = readRunOptions(this, items.length);
	const client = await FotorClient.forRun(this, {
		requestTimeoutMs: runOptions.requestTimeoutMs,
		isTool: typeof this.isToolExecution === 'function' && this.isToolExecution(),
		maxTokens: runOptions.maxTokens,
	});
	let output: INodeExecutionData[][];
	try {
		const prepared: Prepared[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				prepared.push({ ok: true, input: await operation.prepare.call(this, itemIndex, client) });
			} catch (error) {
				if (!continueOnFail) throw asNodeError(this, error, itemIndex);
				prepared.push({ ok: false, error: asNodeError(this, error, itemIndex) });
			}
		}
		const records = new PaidTaskRecords(this, `${resource}.${operationName}`, prepared.map((item) => (item.ok ? item.input : undefined)));
		await records.collectOnRetry(client);
		output = await runItems(this, operation, prepared, client, records, runOptions.parallelTasks, continueOnFail);
	} catch (error) {
		// n8n keeps the hints of a node only when it succeeds: a failed run's error says what was spent.
		const spent = reportSpend(this, client.spend.report());
		const nodeError = asNodeError(this, error, 0);
		if (spent) nodeError.description = [nodeError.description, `${spent}.`].filter(Boolean).join('\n\n');
		throw nodeError;
	} finally {
		client.dispose();
	}
	reportSpend(this, client.spend.report());
	return output;
}

async function runItems(
	context: IExecuteFunctions,
	operation: NonNullable<ReturnType<typeof findOperation>>,
	prepared: Prepared[],
	client: FotorClient,
	records: PaidTaskRecords,
	parallelTasks: number,
	continueOnFail: boolean,
): Promise<INodeExecutionData[][]> {
	const returned = new Set<number>();
	try {
		const perItem = await mapWithConcurrency(prepared.length, parallelTasks, async (itemIndex) => {
			const item = prepared[itemIndex];
			try {
				if (!item.ok) throw item.error;
				const output = await operation.execute.call(context, item.input, itemIndex, client);
				returned.add(itemIndex);
				return output.map((result) => ({ ...result, pairedItem: { item: itemIndex } }));
			} catch (error) {
				const nodeError = asNodeError(context, error, itemIndex);
				if (continueOnFail) return [failureItem(context, nodeError, itemIndex, client.accepted)];
				client.stopNewWork(`item ${itemIndex} failed`);
				throw nodeError;
			}
		});
		await records.recordUnreturned(client, returned);
		return [perItem.flat()];
	} catch (error) {
		// Nothing of a failed run is returned: every paid task is recorded for n8n's Retry.
		returned.clear();
		const recorded = await records.recordUnreturned(client, returned);
		throw withAcceptedTasks(error as NodeApiError | NodeOperationError, client.accepted, { recorded, kept: records.kept });
	}
}
