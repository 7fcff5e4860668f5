import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** Key in the node's workflow static data. */
export const STATIC_DATA_KEY = 'fotorPaidTasks';
/** Records kept per node; the oldest go first. */
export const MAX_RECORDS = 200;
/** Records older than this are dropped (Fotor does not say how long results stay available). */
export const MAX_RECORD_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** Nodes remembered in this process for retries of the original workflow (see below). */
const MAX_PROCESS_NODES = 200;

interface PaidTaskRecord {
	taskId: string;
	/** When it was recorded (epoch ms). */
	at: number;
}
type Records = Record<string, PaidTaskRecord>;

/**
 * Copies kept in this process too: "Retry with original workflow" runs with the static data of the
 * failed execution's start, which predates the records, so in the same process (regular mode, or
 * the same queue-mode worker) these copies still let it collect. Bounded; lost on restart.
 */
const processRecords = new Map<string, Records>();

/** Execution modes whose static data n8n does not save: their runs never record. */
const UNSAVED_MODES = new Set(['manual', 'internal', 'evaluation']);

function fresh(records: unknown, now: number): Records {
	const kept: Records = {};
	if (!records || typeof records !== 'object') return kept;
	const entries = Object.entries(records as Records)
		.filter(([, record]) => typeof record?.taskId === 'string' && typeof record.at === 'number' && now - record.at < MAX_RECORD_AGE_MS)
		.sort(([, a], [, b]) => a.at - b.at)
		.slice(-MAX_RECORDS);
	for (const [key, record] of entries) kept[key] = { taskId: record.taskId, at: record.at };
	return kept;
}

/**
 * Paid task IDs of items whose results a failed run did not return, kept in the node's workflow
 * static data (which n8n saves after every non-manual execution, failed ones included) by request
 * key (see requestKeys). When n8n retries the execution (mode "retry"), an item whose key is
 * recorded collects that task instead of paying for a new one.
 */
export class PaidTaskLedger {
	private constructor(
		private readonly context: IExecuteFunctions,
		private readonly staticData: IDataObject | undefined,
		private readonly processKey: string,
		private readonly now: () => number,
	) {}

	static forRun(context: IExecuteFunctions, now: () => number = Date.now): PaidTaskLedger {
		let staticData: IDataObject | undefined;
		try {
			staticData = context.getWorkflowStaticData('node');
		} catch {
			staticData = undefined; // e.g. a test context without a workflow
		}
		const workflowId = context.getWorkflow?.().id ?? '';
		const node = context.getNode();
		return new PaidTaskLedger(context, staticData, `${workflowId}\n${node.id ?? node.name}`, now);
	}

	/** n8n runs this execution as a retry of a failed one. */
	get retrying(): boolean {
		return this.mode() === 'retry';
	}

	/** Whether n8n keeps this run's records (it saves static data only after non-manual runs). */
	get keepsRecords(): boolean {
		return !UNSAVED_MODES.has(this.mode());
	}

	/** True when a retry has anything to collect. */
	get hasRecords(): boolean {
		return Object.keys(this.records()).length > 0;
	}

	/** The task recorded for this request key, removed from the ledger (the run records it again if unreturned). */
	take(key: string): string | undefined {
		const records = this.records();
		const record = records[key];
		if (!record) return undefined;
		delete records[key];
		this.save(records);
		return record.taskId;
	}

	/** Records paid tasks whose results this run did not return. */
	record(entries: Array<{ key: string; taskId: string }>): void {
		if (!this.keepsRecords || entries.length === 0) return;
		const records = this.records();
		for (const { key, taskId } of entries) {
			delete records[key];
			records[key] = { taskId, at: this.now() };
		}
		this.save(records);
	}

	private mode(): string {
		return typeof this.context.getMode === 'function' ? this.context.getMode() : '';
	}

	/** Static data's records with this process's copies (static data wins), without stale ones. */
	private records(): Records {
		const stored = fresh(this.staticData?.[STATIC_DATA_KEY], this.now());
		return { ...fresh(processRecords.get(this.processKey), this.now()), ...stored };
	}

	private save(records: Records): void {
		const kept = fresh(records, this.now());
		// A new object on the top-level key: n8n marks static data as changed only on its own keys.
		if (this.staticData) {
			if (Object.keys(kept).length) this.staticData[STATIC_DATA_KEY] = kept as unknown as IDataObject;
			else if (STATIC_DATA_KEY in this.staticData) delete this.staticData[STATIC_DATA_KEY];
		}
		processRecords.delete(this.processKey);
		if (Object.keys(kept).length) processRecords.set(this.processKey, kept);
		while (processRecords.size > MAX_PROCESS_NODES) processRecords.delete(processRecords.keys().next().value as string);
	}
}
