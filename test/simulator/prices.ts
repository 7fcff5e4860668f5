import type { PriceRule } from './types';

/** What a task's request says about its price. */
export interface PricedRequest {
	endpoint: string;
	model?: string;
	body: Record<string, unknown>;
	/** The simulator's built-in price (classic tools: per result image). */
	builtIn: number;
	/** Result images (AI Headshot: the templates' counts), for per-image rules. */
	images: number;
}

const matches = (rule: PriceRule, request: PricedRequest): boolean =>
	(rule.endpoint === undefined || rule.endpoint === request.endpoint) &&
	(rule.model === undefined || rule.model === request.model) &&
	(rule.size === undefined || rule.size === `${String(request.body.width)}x${String(request.body.height)}`) &&
	(rule.duration === undefined || rule.duration === request.body.duration) &&
	(rule.resolution === undefined || rule.resolution === request.body.resolution);

/**
 * A task's charge: the first configured rule that matches (classic tools: its tokens per result
 * image; model-based tasks: the whole task), else the built-in price. Fixed when the task is submitted.
 */
export function taskPrice(rules: PriceRule[], request: PricedRequest): number {
	const rule = rules.find((candidate) => matches(candidate, request));
	if (!rule) return request.builtIn;
	return request.model === undefined ? rule.tokens * request.images : rule.tokens;
}
