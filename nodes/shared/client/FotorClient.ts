import {
	NodeApiError,
	NodeOperationError,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { downloadToBinary, type DownloadedBinary, type DownloadOptions } from '../download';
import { normalizeTask, isTerminal, type FotorTask } from '../task/fotorTask';
import { DEFAULT_POLL_SCHEDULE, nextPollDelayMs } from '../task/pollSchedule';
import { getFotorCredentials, resolveBaseUrl, resolveStorageBaseUrl, type FotorCredentials } from '../transport/credentials';
import { fotorApiRequest, type FotorConnection, type FotorRequest } from '../transport/fotorApiRequest';
import { AcceptedTasks } from './acceptedTasks';
import { sharedAccountState, type SharedAccountState } from './accountRegistry';
import { pause } from './pause';

export interface FotorClientOptions {
	/** The node's Request Timeout option; undefined = per-call defaults. */
	requestTimeoutMs?: number;
	/** True when an AI agent runs the node as a tool: operations return compact JSON, no binary. */
	isTool?: boolean;
}

export interface WaitSettings {
	maxPollIntervalMs: number;
	/** Give up (the task keeps running at Fotor) after this long. */
	maxWaitMs: number;
	/** Task type to learn timings under (e.g. the endpoint). */
	timingKey: string;
}

export interface TaskSubmission {
	/** e.g. "/v1/aiart/imgupscale" */
	path: string;
	body: IDataObject;
	/** Sent once more when Fotor refuses `path` outright (no task was created), e.g. another model. */
	fallback?: { path: string; body: IDataObject; label: string };
}

export interface TaskRun {
	task: FotorTask;
	/** Set when the fallback submission was used, with the reason. */
	fallbackUsed?: { label: string; reason: string };
}

/** Fotor refused the submit outright: it created no task, so sending another is safe. */
const refusedOutright = (error: unknown): error is NodeApiError =>
	error instanceof NodeApiError && (error.context.kind === 'apiError' || error.context.kind === 'badRequest');

/**
 * Everything one node run needs to talk to Fotor, in one object: the credential (read once),
 * the account's shared rate limiter and task timings (see accountRegistry), the run's cancel
 * signal, the timeout option, and the tasks Fotor accepted in this run. The router creates one
 * per run; operations only call its methods.
 */
export class FotorClient {
	readonly storageBaseUrl: string;
	readonly isTool: boolean;
	readonly accepted = new AcceptedTasks();
	private readonly stopper = new AbortController();
	private stopReason?: string;

	private constructor(
		private readonly context: IExecuteFunctions,
		private readonly credential: ICredentialsDecrypted<FotorCredentials>,
		private readonly account: SharedAccountState,
		private readonly options: FotorClientOptions,
	) {
		const data = credential.data as FotorCredentials;
		this.storageBaseUrl = resolveStorageBaseUrl(data);
		this.isTool = options.isTool === true;
		const cancel = context.getExecutionCancelSignal?.();
		if (cancel?.aborted) this.stopper.abort();
		cancel?.addEventListener('abort', () => this.stopper.abort(), { once: true });
	}

	static async forRun(context: IExecuteFunctions, options: FotorClientOptions): Promise<FotorClient> {
		const data = await getFotorCredentials(context);
		const credential = { id: '', name: 'fotorApi', type: 'fotorApi', data };
		return new FotorClient(context, credential, sharedAccountState(resolveBaseUrl(data), data.apiKey ?? ''), options);
	}

	/** Aborts on Stop in n8n, or when the run stops after an item failed (see stopNewWork). */
	get signal(): AbortSignal {
		// A dependent signal per use: each request and wait listens on its own signal, so a batch of
		// many parallel items never piles listeners onto one (Node warns past 10).
		return typeof AbortSignal.any === 'function' ? AbortSignal.any([this.stopper.signal]) : this.stopper.signal;
	}

	/**
	 * The run will fail: no new submit starts and every wait ends now. Tasks Fotor already
	 * accepted keep running there; the router lists them in its error.
	 */
	stopNewWork(reason: string): void {
		this.stopReason ??= reason;
		this.stopper.abort();
	}

	/** A call to Fotor's API (reads; billable submits go through runTask). */
	async request(request: FotorRequest): Promise<IDataObject> {
		return await fotorApiRequest(this.connection(), request);
	}

	/** Reads one task (GET /v1/aiart/tasks/{id}); safe to repeat, so retried on transient errors. */
	async getTask(taskId: string, itemIndex: number): Promise<FotorTask> {
		const data = await this.request({ method: 'GET', path: `/v1/aiart/tasks/${encodeURIComponent(taskId)}`, itemIndex });
		const task = normalizeTask(data, this.storageBaseUrl);
		return { ...task, taskId: task.taskId || taskId };
	}

	/**
	 * Submits a task once (billable: never repeated when its fate is unknown) while holding one of
	 * the account's task slots, then, with `wait`, polls until it ends. The slot is held until the
	 * task ends so a batch over Fotor's task limit queues instead of being refused.
	 */
	async runTask(itemIndex: number, submission: TaskSubmission, wait?: WaitSettings): Promise<TaskRun> {
		const releaseSlot = await this.account.limiter.acquireTaskSlot(this.signal);
		try {
			const { taskId, fallbackUsed } = await this.submit(itemIndex, submission);
			if (!wait) return { task: processingTask(taskId), fallbackUsed };
			const task = await this.waitForTask(taskId, itemIndex, wait);
			return { task, fallbackUsed };
		} finally {
			releaseSlot();
		}
	}

	/** Polls until the task ends, Max Wait passes (after one last poll at the deadline) or the run stops. */
	async waitForTask(taskId: string, itemIndex: number, settings: WaitSettings): Promise<FotorTask> {
		const started = Date.now();
		const schedule = { ...DEFAULT_POLL_SCHEDULE, maxIntervalMs: settings.maxPollIntervalMs };
		for (let polls = 0; ; polls++) {
			const elapsed = Date.now() - started;
			if (polls > 0 && elapsed >= settings.maxWaitMs) throw this.stillRunning(taskId, itemIndex, elapsed);
			const next = nextPollDelayMs(elapsed, polls, this.account.timing.expectedMs(settings.timingKey), schedule);
			await this.pauseInWait(Math.min(next, Math.max(0, settings.maxWaitMs - elapsed)), taskId, itemIndex);
			const task = await this.getTask(taskId, itemIndex);
			if (isTerminal(task)) {
				const serverMs = task.createTime !== undefined && task.updateTime !== undefined ? task.updateTime - task.createTime : undefined;
				this.account.timing.record(settings.timingKey, serverMs ?? Date.now() - started);
				this.accepted.ended(taskId, task.status);
				return task;
			}
		}
	}

	/** A credential-free download of a result into n8n's binary store. */
	async download(url: string, fileNameBase: string, itemIndex: number, options: DownloadOptions = {}): Promise<DownloadedBinary> {
		return await downloadToBinary.call(this.context, url, fileNameBase, itemIndex, { signal: this.signal, ...options });
	}

	/** The connection the transport uses for API calls of this run. */
	connection(): FotorConnection {
		return {
			context: this.context,
			credential: this.credential,
			limiter: this.account.limiter,
			signal: this.signal,
			timeoutMs: this.options.requestTimeoutMs,
		};
	}

	get requestTimeoutMs(): number | undefined {
		return this.options.requestTimeoutMs;
	}

	private async submit(itemIndex: number, submission: TaskSubmission): Promise<{ taskId: string; fallbackUsed?: TaskRun['fallbackUsed'] }> {
		try {
			return { taskId: await this.submitOnce(itemIndex, submission.path, submission.body) };
		} catch (error) {
			if (!submission.fallback || !refusedOutright(error)) throw error as NodeApiError | NodeOperationError;
			const taskId = await this.submitOnce(itemIndex, submission.fallback.path, submission.fallback.body);
			return { taskId, fallbackUsed: { label: submission.fallback.label, reason: error.message } };
		}
	}

	private async submitOnce(itemIndex: number, path: string, body: IDataObject): Promise<string> {
		if (this.signal.aborted) throw this.notStarted(itemIndex);
		const submitted = await this.request({ method: 'POST', path, body, billable: true, holdsTaskSlot: true, itemIndex });
		const taskId = typeof submitted?.taskId === 'string' ? submitted.taskId : '';
		if (!taskId) {
			throw new NodeOperationError(this.context.getNode(), 'Fotor accepted the request but returned no task ID', {
				itemIndex,
				description: 'The task may still run and be billed. Check your token balance before running this item again.',
			});
		}
		this.accepted.add(itemIndex, taskId);
		this.account.limiter.submitAccepted();
		return taskId;
	}

	private async pauseInWait(ms: number, taskId: string, itemIndex: number): Promise<void> {
		try {
			await pause(ms, this.signal);
		} catch {
			const why = this.stopReason ? `the run stopped (${this.stopReason})` : 'the execution was cancelled';
			throw new NodeOperationError(this.context.getNode(), `Stopped waiting for Fotor task ${taskId}: ${why}`, {
				itemIndex,
				description: `The task keeps running at Fotor and may be billed. Collect it with Task → Get (task ID ${taskId}).`,
			});
		}
	}

	private stillRunning(taskId: string, itemIndex: number, elapsedMs: number): NodeOperationError {
		return new NodeOperationError(this.context.getNode(), `Fotor task ${taskId} is still running after ${(elapsedMs / 1000).toFixed(1)} s`, {
			itemIndex,
			description: `The wait limit ("Max Wait") was reached. The task may still finish and be billed. Collect it later with Task → Get (task ID ${taskId}) or with the Fotor Trigger, or raise "Max Wait" in the options.`,
		});
	}

	private notStarted(itemIndex: number): NodeOperationError {
		const why = this.stopReason ?? 'the execution was cancelled';
		return new NodeOperationError(this.context.getNode(), `Item ${itemIndex} was not sent to Fotor: ${why}`, { itemIndex });
	}
}

function processingTask(taskId: string): FotorTask {
	return { taskId, status: 'processing', statusCode: 0, results: [], hasHsfw: false, raw: {} };
}
