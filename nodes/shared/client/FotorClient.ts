import {
	NodeApiError,
	NodeOperationError,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { downloadToBinary, type DownloadedBinary, type DownloadOptions } from '../download';
import { RunSpend, SpendRefusal, type SpendLimits, type SpendReservation } from '../spend/runSpend';
import type { TaskCost } from '../spend/taskCost';
import { normalizeTask, isTerminal, type FotorTask } from '../task/fotorTask';
import { DEFAULT_POLL_SCHEDULE, nextPollDelayMs } from '../task/pollSchedule';
import { getFotorCredentials, resolveBaseUrl, resolveStorageBaseUrl, type FotorCredentials } from '../transport/credentials';
import { bodyBuffers } from '../transport/bodyBuffers';
import { fotorApiRequest, fotorApiRequestData, type FotorConnection, type FotorRequest } from '../transport/fotorApiRequest';
import { AcceptedTasks } from './acceptedTasks';
import { sharedAccountState, type SharedAccountState } from './accountRegistry';
import { pause } from './pause';
import { SlotWaitTimeoutError, type SlotRelease } from './rateLimiter';

export interface FotorClientOptions {
	/** The node's Request Timeout option; undefined = per-call defaults. */
	requestTimeoutMs?: number;
	/** True when an AI agent runs the node as a tool: operations return compact JSON, no binary. */
	isTool?: boolean;
	/** The node's Max Tokens per Run option (0 = no limit). */
	maxTokens?: number;
}

/** How one task is waited for (see taskTiming in actions/taskResult.ts). */
export interface TaskTiming {
	/** Wait for Completion: poll until the task ends and return it. */
	wait: boolean;
	maxPollIntervalMs: number;
	/** Give up polling (the task keeps running at Fotor) after this long; also bounds the wait for a task slot. */
	maxWaitMs: number;
	/** Task type to learn timings under (e.g. the endpoint). */
	timingKey: string;
}

export interface TaskSubmission {
	/** e.g. "/v1/aiart/imgupscale" */
	path: string;
	/**
	 * Builds the request body (and the fallback's) once a task slot is free, so large inline images
	 * and signed uploads are only made for tasks about to be sent.
	 */
	build(): Promise<{ body: IDataObject; fallbackBody?: IDataObject }>;
	/** Sent once more when Fotor refuses `path` outright (no task was created), e.g. another model. */
	fallback?: { path: string; label: string; cost?: TaskCost };
	/** What the task is expected to cost (Max Tokens per Run, Minimum Balance). */
	cost: TaskCost;
}

export interface TaskRun {
	task: FotorTask;
	/** Set when the fallback submission was used, with the reason. */
	fallbackUsed?: { label: string; reason: string };
	/** Set when a retry collected the task a failed run had paid for instead of submitting again. */
	reusedTaskId?: string;
}

/**
 * Fotor refused the submit outright: an HTTP 4xx (not 401/403/429) is known to create no task, so
 * sending another is safe. A 2xx reply with an unknown code is not a refusal: the task may exist.
 */
const refusedOutright = (error: unknown): error is NodeApiError =>
	error instanceof NodeApiError && (error.context.kind === 'badRequest' || error.context.kind === 'notFound');

const NOT_BILLED_ENDS = new Set(['failed', 'timedOut', 'cancelled']);

/**
 * Everything one node run needs to talk to Fotor, in one object: the credential (read once), the
 * account's shared state (rate limiter, task timings, prices, balance; see accountRegistry), the
 * run's spend against Max Tokens and Minimum Balance, the timeout option, and the tasks Fotor
 * accepted in this run. The router creates one per run and disposes of it; operations only call
 * its methods. Its own stop (see stopNewWork) ends pauses, slot waits, downloads and uploads; a
 * request already on its way to Fotor is only aborted by n8n's Stop.
 */
export class FotorClient {
	readonly storageBaseUrl: string;
	readonly isTool: boolean;
	readonly accepted = new AcceptedTasks();
	readonly spend: RunSpend;
	private readonly stopper = new AbortController();
	private stopReason?: string;
	private readonly cancelSignal?: AbortSignal;
	private readonly onCancel = () => this.stopper.abort();
	/** Tasks a failed run paid for, by item, that a retry collects (see PaidTaskLedger). */
	private readonly recorded = new Map<number, string>();

	private constructor(
		private readonly context: IExecuteFunctions,
		private readonly credential: ICredentialsDecrypted<FotorCredentials>,
		private readonly account: SharedAccountState,
		private readonly options: FotorClientOptions,
	) {
		const data = credential.data as FotorCredentials;
		this.storageBaseUrl = resolveStorageBaseUrl(data);
		this.isTool = options.isTool === true;
		this.spend = new RunSpend(spendLimits(options, data), account.prices, account.balance, async () => await this.fetchRemaining());
		this.cancelSignal = context.getExecutionCancelSignal?.();
		if (this.cancelSignal?.aborted) this.stopper.abort();
		this.cancelSignal?.addEventListener('abort', this.onCancel, { once: true });
	}

	static async forRun(context: IExecuteFunctions, options: FotorClientOptions): Promise<FotorClient> {
		const data = await getFotorCredentials(context);
		const floor = data.minimumBalance ?? 0;
		if (typeof floor !== 'number' || !Number.isFinite(floor) || floor < 0) {
			throw new NodeOperationError(context.getNode(), 'The Fotor API credential\'s "Minimum Balance" must be a number of tokens, 0 or more', {
				description: `It is ${JSON.stringify(floor)}. Nothing was sent to Fotor. Fix the credential (0 turns the floor off).`,
			});
		}
		const credential = { id: '', name: 'fotorApi', type: 'fotorApi', data };
		return new FotorClient(context, credential, sharedAccountState(resolveBaseUrl(data), data.apiKey ?? ''), options);
	}

	/** Ends the run's hold on the execution's cancel signal (a loop of many node runs piles up none). */
	dispose(): void {
		this.cancelSignal?.removeEventListener('abort', this.onCancel);
		bodyBuffers.trim(!this.account.limiter.idle);
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

	/** Items whose request a failed run already paid for: runTask collects these tasks instead. */
	collectRecorded(tasks: Map<number, string>): void {
		for (const [itemIndex, taskId] of tasks) this.recorded.set(itemIndex, taskId);
	}

	/** A call to Fotor's API (reads; billable submits go through runTask). */
	async request(request: FotorRequest): Promise<IDataObject> {
		return await fotorApiRequest(this.connection(), request);
	}

	/** A read whose `data` is a list (or anything but an object), as Fotor sent it. */
	async requestData(request: FotorRequest): Promise<unknown> {
		return await fotorApiRequestData(this.connection(), request);
	}

	/** Reads one task (GET /v1/aiart/tasks/{id}); safe to repeat, so retried on transient errors. */
	async getTask(taskId: string, itemIndex: number): Promise<FotorTask> {
		const data = await this.request({ method: 'GET', path: `/v1/aiart/tasks/${encodeURIComponent(taskId)}`, itemIndex });
		const task = normalizeTask(data, this.storageBaseUrl);
		return { ...task, taskId: task.taskId || taskId };
	}

	/**
	 * Runs one billable task: collects the task a failed run recorded for this item (on n8n's
	 * Retry), or reserves its cost (Max Tokens, Minimum Balance), takes one of the account's task
	 * slots, builds the body, submits once (never repeated when its fate is unknown) and, with
	 * `wait`, polls until it ends. The slot is held until the task ends so a batch over Fotor's
	 * task limit queues instead of being refused.
	 */
	async runTask(itemIndex: number, submission: TaskSubmission, timing: TaskTiming): Promise<TaskRun> {
		const collected = await this.collect(itemIndex, timing);
		if (collected) return collected;
		const reservation = await this.reserve(itemIndex, submission.cost);
		let task: FotorTask | undefined;
		let priceKind = submission.cost.kind;
		try {
			const release = await this.takeSlot(itemIndex, timing.maxWaitMs);
			let unfinished = false;
			let submittedAt = 0;
			let accepted = false;
			try {
				const { body, fallbackBody } = await submission.build();
				submittedAt = Date.now();
				const { taskId, fallbackUsed } = await this.submit(itemIndex, submission, body, fallbackBody, reservation);
				accepted = true;
				if (fallbackUsed && submission.fallback?.cost) priceKind = submission.fallback.cost.kind;
				if (timing.wait) {
					unfinished = true;
					task = await this.waitForTask(taskId, itemIndex, timing);
					unfinished = false;
					return { task, fallbackUsed };
				}
				// Wait off: the task is returned at once, unless its price must be learned first.
				if (reservation.learning) task = await this.learnPrice(taskId, itemIndex, timing);
				unfinished = !task || !isTerminal(task);
				return { task: processingTask(taskId), fallbackUsed };
			} finally {
				release({ ...(unfinished && this.unheldRelease(timing, submittedAt)), accepted });
			}
		} finally {
			reservation.end(task, priceKind);
		}
	}

	/** Polls until the task ends, Max Wait passes (after one last poll at the deadline) or the run stops. */
	async waitForTask(taskId: string, itemIndex: number, settings: Omit<TaskTiming, 'wait'>): Promise<FotorTask> {
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

	/**
	 * On n8n's Retry: the task a failed run paid for this item, waited for like a new one. A task
	 * that failed at Fotor cost nothing, so the item is submitted anew (undefined).
	 */
	private async collect(itemIndex: number, timing: TaskTiming): Promise<TaskRun | undefined> {
		const taskId = this.recorded.get(itemIndex);
		if (taskId === undefined) return undefined;
		this.recorded.delete(itemIndex);
		let task = await this.getTask(taskId, itemIndex);
		if (NOT_BILLED_ENDS.has(task.status)) {
			this.context.logger?.info(`Fotor task ${taskId} recorded for item ${itemIndex} ended ${task.status}: submitting the item anew`);
			return undefined;
		}
		this.accepted.add(itemIndex, taskId);
		this.accepted.ended(taskId, task.status);
		this.context.logger?.info(`Fotor task ${taskId} collected for item ${itemIndex} instead of submitting again (n8n retry)`);
		if (!isTerminal(task) && timing.wait) {
			// Still running: it counts against Fotor's task limit like any task of this process.
			const release = await this.takeSlot(itemIndex, timing.maxWaitMs);
			let unfinished = true;
			try {
				task = await this.waitForTask(taskId, itemIndex, timing);
				unfinished = false;
			} finally {
				release(unfinished ? { unfinished } : undefined);
			}
		}
		return { task: timing.wait ? task : processingTask(taskId), reusedTaskId: taskId };
	}

	private async reserve(itemIndex: number, cost: TaskCost): Promise<SpendReservation> {
		try {
			return await this.spend.reserve(cost, async (turn) => await this.untilOrStopped(turn, itemIndex));
		} catch (error) {
			if (error instanceof SpendRefusal) {
				throw new NodeOperationError(this.context.getNode(), `Item ${itemIndex} was not sent to Fotor: ${error.message}`, {
					itemIndex,
					description: error.description,
				});
			}
			if (error instanceof NodeApiError) {
				// The balance check (Minimum Balance) failed: nothing was sent.
				throw new NodeOperationError(this.context.getNode(), `Item ${itemIndex} was not sent to Fotor: the balance check for Minimum Balance failed (${error.message})`, {
					itemIndex,
					description: error.description ?? undefined,
				});
			}
			throw error as NodeOperationError;
		}
	}

	/** A slot given back while its task still runs at Fotor: how much longer it likely runs (from learned timings). */
	private unheldRelease(timing: TaskTiming, submittedAt: number): SlotRelease {
		const expected = this.account.timing.expectedMs(timing.timingKey);
		return { unfinished: true, ...(expected !== undefined && { expectedRemainingMs: Math.max(expected * 1.5 - (Date.now() - submittedAt), 1000) }) };
	}

	private async takeSlot(itemIndex: number, maxWaitMs: number): Promise<(release?: SlotRelease) => void> {
		try {
			return await this.account.limiter.acquireTaskSlot(this.signal, maxWaitMs);
		} catch (error) {
			if (error instanceof SlotWaitTimeoutError) {
				throw new NodeOperationError(
					this.context.getNode(),
					`Item ${itemIndex} was not sent to Fotor: no task slot became free within ${(maxWaitMs / 1000).toFixed(0)} s`,
					{
						itemIndex,
						description:
							"Other tasks of this Fotor account (in this or other executions) held Fotor's task limit for the whole wait (\"Max Wait\"). Nothing was sent or charged. Run the item again later, or raise \"Max Wait\".",
					},
				);
			}
			throw this.notStarted(itemIndex);
		}
	}

	/** Waits for `turn` (the first task of an unpriced kind) unless the run stops first. */
	private async untilOrStopped(turn: Promise<void>, itemIndex: number): Promise<void> {
		const signal = this.signal;
		if (signal.aborted) throw this.notStarted(itemIndex);
		await new Promise<void>((resolve, reject) => {
			const onAbort = () => reject(this.notStarted(itemIndex));
			signal.addEventListener('abort', onAbort, { once: true });
			void turn.then(() => {
				signal.removeEventListener('abort', onAbort);
				resolve();
			});
		});
	}

	/** Wait off, but the task's kind has no known price yet: follow it to its end to learn it. */
	private async learnPrice(taskId: string, itemIndex: number, timing: TaskTiming): Promise<FotorTask | undefined> {
		try {
			return await this.waitForTask(taskId, itemIndex, timing);
		} catch {
			return undefined; // still running (or stopped): the kind stays unpriced for this run
		}
	}

	private async fetchRemaining(): Promise<number> {
		const data = await this.request({ method: 'GET', path: '/v1/credits' });
		const remaining = typeof data.remaining === 'string' ? Number(data.remaining) : data.remaining;
		if (typeof remaining !== 'number' || !Number.isFinite(remaining)) {
			throw new NodeOperationError(this.context.getNode(), 'Fotor\'s balance answer (GET /v1/credits) has no "remaining" number');
		}
		return remaining;
	}

	private async submit(
		itemIndex: number,
		submission: TaskSubmission,
		body: IDataObject,
		fallbackBody: IDataObject | undefined,
		reservation: SpendReservation,
	): Promise<{ taskId: string; fallbackUsed?: TaskRun['fallbackUsed'] }> {
		try {
			return { taskId: await this.submitOnce(itemIndex, submission.path, body, reservation) };
		} catch (error) {
			const { fallback } = submission;
			if (!fallback || !fallbackBody || !refusedOutright(error)) throw error as NodeApiError | NodeOperationError;
			try {
				const taskId = await this.submitOnce(itemIndex, fallback.path, fallbackBody, reservation);
				return { taskId, fallbackUsed: { label: fallback.label, reason: error.message } };
			} catch (second) {
				if (!refusedOutright(second)) throw second as NodeApiError | NodeOperationError;
				second.message = `Fotor refused the request and the fallback model ${fallback.label}: ${error.message}; fallback: ${second.message}`;
				throw second as NodeApiError;
			}
		}
	}

	private async submitOnce(itemIndex: number, path: string, body: IDataObject, reservation: SpendReservation): Promise<string> {
		if (this.signal.aborted) throw this.notStarted(itemIndex);
		let submitted: IDataObject;
		try {
			submitted = await this.request({ method: 'POST', path, body, billable: true, holdsTaskSlot: true, itemIndex });
		} catch (error) {
			if (error instanceof NodeApiError && error.context.uncertain === true) this.maybeCreated(itemIndex, reservation);
			throw error as NodeApiError | NodeOperationError;
		}
		const taskId = typeof submitted?.taskId === 'string' ? submitted.taskId : '';
		if (!taskId) {
			this.maybeCreated(itemIndex, reservation);
			throw new NodeOperationError(this.context.getNode(), 'Fotor accepted the request but returned no task ID', {
				itemIndex,
				description: 'The task may still run and be billed. Check your token balance before running this item again.',
			});
		}
		this.accepted.add(itemIndex, taskId);
		reservation.markSent();
		this.account.limiter.submitAccepted();
		this.logAccepted(itemIndex, taskId);
		return taskId;
	}

	/** A submit whose fate is unknown: it counts as spent and is listed with the run's tasks. */
	private maybeCreated(itemIndex: number, reservation: SpendReservation): void {
		this.accepted.uncertain(itemIndex);
		reservation.markSent();
	}

	/** Logged before any wait, so a crash never loses what was paid for (README: Recovering paid results). */
	private logAccepted(itemIndex: number, taskId: string): void {
		const executionId = this.context.getExecutionId?.() ?? '';
		const nodeName = this.context.getNode().name;
		this.context.logger?.info(`Fotor accepted task ${taskId} (execution ${executionId}, node "${nodeName}", item ${itemIndex})`, {
			executionId,
			nodeName,
			itemIndex,
			taskId,
		});
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

function spendLimits(options: FotorClientOptions, credential: FotorCredentials): SpendLimits {
	return { maxTokens: options.maxTokens ?? 0, minimumBalance: credential.minimumBalance ?? 0 };
}

function processingTask(taskId: string): FotorTask {
	return { taskId, status: 'processing', statusCode: 0, results: [], hasHsfw: false, raw: {} };
}
