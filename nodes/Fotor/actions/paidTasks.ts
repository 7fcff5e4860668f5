import type { IExecuteFunctions } from 'n8n-workflow';

import type { FotorClient } from '../../shared/client/FotorClient';
import { PaidTaskLedger } from '../../shared/retry/paidTaskLedger';
import { requestKeys } from '../../shared/retry/requestFingerprint';

/**
 * The run's side of "pay once" across n8n's Retry: on a retry, hands the client the tasks a failed
 * run recorded for these items; at the end, records the paid tasks whose results this run did not
 * return. Request keys are computed only when needed (a retry with records, or unreturned tasks).
 */
export class PaidTaskRecords {
	private keys?: Array<string | undefined>;
	private readonly ledger: PaidTaskLedger;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly operation: string,
		/** Each item's checked input (undefined for items that failed their checks). */
		private readonly inputs: unknown[],
	) {
		this.ledger = PaidTaskLedger.forRun(context);
	}

	/** Whether this run's records are kept (n8n saves static data only after non-manual runs). */
	get kept(): boolean {
		return this.ledger.keepsRecords;
	}

	/** On n8n's Retry: items whose request a failed run paid for collect that task instead. */
	async collectOnRetry(client: FotorClient): Promise<void> {
		if (!this.ledger.retrying || !this.ledger.hasRecords) return;
		const keys = await this.requestKeys();
		const recorded = new Map<number, string>();
		keys.forEach((key, itemIndex) => {
			const taskId = key === undefined ? undefined : this.ledger.take(key);
			if (taskId) recorded.set(itemIndex, taskId);
		});
		client.collectRecorded(recorded);
	}

	/** Records the billed tasks of items that got no result; returns how many were recorded. */
	async recordUnreturned(client: FotorClient, returned: Set<number>): Promise<number> {
		const unreturned = client.accepted.billedByItem().filter(({ itemIndex }) => !returned.has(itemIndex));
		if (unreturned.length === 0 || !this.ledger.keepsRecords) return 0;
		const keys = await this.requestKeys();
		const entries = unreturned.flatMap(({ itemIndex, taskId }) => {
			const key = keys[itemIndex];
			return key === undefined ? [] : [{ key, taskId }];
		});
		this.ledger.record(entries);
		return entries.length;
	}

	private async requestKeys(): Promise<Array<string | undefined>> {
		this.keys ??= await requestKeys(this.context, this.operation, this.inputs);
		return this.keys;
	}
}
