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

const RULE_KEYS = new Set(['endpoint', 'model', 'size', 'duration', 'resolution', 'tokens']);

/** Throws on a rule a test mistyped (e.g. `token: 5`), which would otherwise charge NaN or match everything. */
export function checkPriceRules(rules: unknown): PriceRule[] {
	if (!Array.isArray(rules)) throw new Error('prices must be an array of rules');
	rules.forEach((rule: Record<string, unknown>, index) => {
		const unknownKey = Object.keys(rule ?? {}).find((key) => !RULE_KEYS.has(key));
		if (unknownKey) throw new Error(`prices[${index}]: unknown key "${unknownKey}"`);
		if (!Number.isInteger(rule.tokens) || (rule.tokens as number) < 0) throw new Error(`prices[${index}].tokens must be a whole number >= 0`);
		if (rule.size !== undefined && !/^\d+x\d+$/.test(String(rule.size))) throw new Error(`prices[${index}].size must be "WxH"`);
	});
	return rules as PriceRule[];
}

/**
 * A task's charge: the first configured rule that matches (classic tools: its tokens per result
 * image; model-based tasks: the whole task), else the built-in price. Fixed when the task is submitted.
 */
export function taskPrice(rules: PriceRule[], request: PricedRequest): number {
	const rule = rules.find((candidate) => matches(candidate, request));
	if (!rule) return request.builtIn;
	return request.model === undefined ? rule.tokens * request.images : rule.tokens;
}
