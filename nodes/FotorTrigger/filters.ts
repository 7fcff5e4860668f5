import type { FotorTask } from '../shared/task/fotorTask';

export type OutcomeFilter = 'any' | 'completed' | 'failed' | 'all';

export interface DeliveryFilters {
	/** Task types to accept; empty = all. */
	types: string[];
	outcome: OutcomeFilter;
	/** Task IDs to accept; empty = all. */
	taskIds: string[];
	businessId?: string;
}

/** Splits a comma- or newline-separated list (or an expression's array) into clean entries. */
export function parseList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,;]+/) : [];
	return parts.map((part) => part.trim()).filter(Boolean);
}

/** Why a delivery is not for this workflow, or undefined when it matches every filter. */
export function filterMismatch(task: FotorTask, filters: DeliveryFilters): string | undefined {
	if (filters.outcome !== 'all' && task.status === 'processing') return 'task still in progress';
	if (filters.outcome === 'completed' && task.status !== 'completed') return `outcome ${task.status}`;
	if (filters.outcome === 'failed' && (task.status === 'completed' || task.status === 'processing')) return `outcome ${task.status}`;
	if (filters.types.length > 0 && !filters.types.includes(task.type ?? '')) return `type ${task.type ?? 'missing'}`;
	if (filters.taskIds.length > 0 && !filters.taskIds.includes(task.taskId)) return 'task ID not listed';
	if (filters.businessId && filters.businessId !== task.businessId) return 'business ID differs';
	return undefined;
}
