import type { FaultRoute, FaultSpec, TaskOutcomeSpec } from './types';

interface Matchable {
	endpoint?: string;
	model?: string;
	match?: string;
	times?: number;
}

/** What a request is matched on: its endpoint segment, its model (model-based submits) and its text. */
export interface RequestTarget {
	endpoint?: string;
	model?: string;
	text: string;
}

function matches(spec: Matchable, target: RequestTarget): boolean {
	if (spec.endpoint !== undefined && spec.endpoint !== target.endpoint) return false;
	if (spec.model !== undefined && spec.model !== target.model) return false;
	return spec.match === undefined || target.text.includes(spec.match);
}

/** Takes the first queued spec that matches, consuming one of its `times`. */
function take<T extends Matchable>(queue: T[], target: RequestTarget, extra: (spec: T) => boolean) {
	const index = queue.findIndex((spec) => extra(spec) && matches(spec, target));
	if (index < 0) return undefined;
	const spec = queue[index];
	const left = (spec.times ?? 1) - 1;
	if (left <= 0) queue.splice(index, 1);
	else queue[index] = { ...spec, times: left };
	return spec;
}

/** Injected faults and task outcomes, consumed in injection order. */
export class FaultBook {
	faults: FaultSpec[] = [];
	outcomes: TaskOutcomeSpec[] = [];

	takeFault(route: FaultRoute, target: RequestTarget): FaultSpec | undefined {
		return take(this.faults, target, (spec) => spec.route === 'any' || spec.route === route);
	}

	takeOutcome(target: RequestTarget): TaskOutcomeSpec | undefined {
		return take(this.outcomes, target, () => true);
	}

	clear(): void {
		this.faults = [];
		this.outcomes = [];
	}
}
