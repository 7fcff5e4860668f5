import type { FotorTaskState } from '../task/fotorTask';

/** Ends at Fotor that charge no tokens (see judgeTask). */
const NOT_BILLED = new Set<FotorTaskState>(['failed', 'timedOut', 'cancelled']);

/**
 * The tasks Fotor accepted in one node run, by item. When the run stops on an error, these are
 * what the user has already paid for or will pay for: the router lists them so they can be
 * collected with Task → Get instead of being lost with the run.
 */
export class AcceptedTasks {
	private readonly tasks = new Map<string, { itemIndex: number; status: FotorTaskState }>();
	/** Items whose submit may or may not have created a task (no task ID came back). */
	private readonly uncertainItems = new Set<number>();

	add(itemIndex: number, taskId: string): void {
		this.tasks.set(taskId, { itemIndex, status: 'processing' });
	}

	/** A submit for the item may have created a task Fotor bills, but no task ID came back. */
	uncertain(itemIndex: number): void {
		this.uncertainItems.add(itemIndex);
	}

	ended(taskId: string, status: FotorTaskState): void {
		const task = this.tasks.get(taskId);
		if (task) task.status = status;
	}

	get size(): number {
		return this.tasks.size;
	}

	/** Billed (or maybe billed) tasks by item, for the records a retry collects. */
	billedByItem(): Array<{ itemIndex: number; taskId: string }> {
		return [...this.tasks].filter(([, task]) => !NOT_BILLED.has(task.status)).map(([taskId, { itemIndex }]) => ({ itemIndex, taskId }));
	}

	/** The billed (or maybe billed) task IDs of one item, e.g. after its download failed. */
	forItem(itemIndex: number): string[] {
		return [...this.tasks].filter(([, task]) => task.itemIndex === itemIndex && !NOT_BILLED.has(task.status)).map(([taskId]) => taskId);
	}

	/**
	 * One line per task that is billed or may still be: completed, still running or of unknown
	 * status, e.g. "item 0: e0dc19… (completed)", then one per submit whose fate is unknown. Tasks
	 * that failed, timed out or were cancelled at Fotor cost nothing and have no result to collect,
	 * so they are left out.
	 */
	describe(): string[] {
		return [
			...[...this.tasks]
				.filter(([, { status }]) => !NOT_BILLED.has(status))
				.map(([taskId, { itemIndex, status }]) => `item ${itemIndex}: ${taskId} (${status === 'processing' ? 'still running' : status})`),
			...[...this.uncertainItems].map((itemIndex) => `item ${itemIndex}: a submit that may or may not have created a task (no task ID came back; check the balance)`),
		];
	}
}
