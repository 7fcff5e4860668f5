import type { FotorTaskState } from '../task/fotorTask';

/**
 * The tasks Fotor accepted in one node run, by item. When the run stops on an error, these are
 * what the user has already paid for or will pay for: the router lists them so they can be
 * collected with Task → Get instead of being lost with the run.
 */
export class AcceptedTasks {
	private readonly tasks = new Map<string, { itemIndex: number; status: FotorTaskState }>();

	add(itemIndex: number, taskId: string): void {
		this.tasks.set(taskId, { itemIndex, status: 'processing' });
	}

	ended(taskId: string, status: FotorTaskState): void {
		const task = this.tasks.get(taskId);
		if (task) task.status = status;
	}

	get size(): number {
		return this.tasks.size;
	}

	/** One line per task, e.g. "item 0: e0dc19… (completed)". */
	describe(): string[] {
		return [...this.tasks].map(([taskId, { itemIndex, status }]) => `item ${itemIndex}: ${taskId} (${status === 'processing' ? 'still running' : status})`);
	}
}
