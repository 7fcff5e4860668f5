import type { FaultRoute, FaultSpec, TaskOutcomeSpec } from './types';

interface Matchable {
	endpoint?: string;
	match?: string;
	times?: number;
}

function matches(spec: Matchable, endpoint: string | undefined, text: string): boolean {
	if (spec.endpoint !== undefined && spec.endpoint !== endpoint) return false;
	return spec.match === undefined || text.includes(spec.match);
}

/** Takes the first queued spec that matches, consuming one of its `times`. */
function take<T extends Matchable>(queue: T[], endpoint: string | undefined, text: string, extra: (spec: T) => boolean) {
	const index = queue.findIndex((spec) => extra(spec) && matches(spec, endpoint, text));
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

	takeFault(route: FaultRoute, endpoint: string | undefined, text: string): FaultSpec | undefined {
		return take(this.faults, endpoint, text, (spec) => spec.route === 'any' || spec.route === route);
	}

	takeOutcome(endpoint: string, text: string): TaskOutcomeSpec | undefined {
		return take(this.outcomes, endpoint, text, () => true);
	}

	clear(): void {
		this.faults = [];
		this.outcomes = [];
	}
}
