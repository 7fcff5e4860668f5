import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidField, requireOption } from '../../../shared/validation';
import { BY_ID, readModelId } from './modelFields';

const NONE = 'none';
const RECOMMENDED = 'recommended';
const CHOICES = [NONE, RECOMMENDED, BY_ID] as const;

/** "A → B, C → D" for the recommendation's description, with model names where known. */
export function describeFallbackPairs(pairs: Readonly<Record<string, string>>, nameOf: (id: string) => string | undefined): string {
	return Object.entries(pairs)
		.map(([from, to]) => `${nameOf(from) ?? from} → ${nameOf(to) ?? to}`)
		.join(', ');
}

/**
 * "Fallback Model": a second model submitted to once, only when Fotor refused the first one
 * outright (it created no task), as Fotor's own CLI does. `recommended` describes Fotor's pairs.
 */
export function fallbackFields(recommended: string): INodeProperties[] {
	return [
		{
			displayName: 'Fallback Model',
			name: 'fallbackModel',
			type: 'options',
			default: NONE,
			description:
				'A second model to try once when Fotor refuses the request outright (it created no task: e.g. the model is unavailable or rejects these settings). Never after a timeout or a server error, when the first task may exist, nor when tokens run out. The output then carries fallbackUsed and fallbackReason.',
			options: [
				{ name: 'By ID', value: BY_ID, description: 'Another model, by its Fotor model ID' },
				{ name: "Fotor's Recommendation", value: RECOMMENDED, description: recommended },
				{ name: 'None', value: NONE, description: 'No second try: the item fails with Fotor\'s reason' },
			],
		},
		{
			displayName: 'Fallback Model ID',
			name: 'fallbackModelId',
			type: 'string',
			default: '',
			placeholder: 'gemini-3.1-flash-image-preview',
			description: 'Fotor model ID of the fallback',
			displayOptions: { show: { fallbackModel: [BY_ID] } },
		},
	];
}

/**
 * The fallback model of one item, or undefined for none: the typed ID (not the model itself), or
 * Fotor's recommendation for the model (`recommendation`; some models have none).
 */
export function readFallbackModel(
	context: IExecuteFunctions,
	itemIndex: number,
	model: string,
	recommendation: (model: string) => string | undefined,
): string | undefined {
	const choice = requireOption(context, itemIndex, 'fallbackModel', 'Fallback Model', CHOICES, NONE);
	if (choice === RECOMMENDED) return recommendation(model);
	if (choice === NONE) return undefined;
	const fallback = readModelId(context, itemIndex, 'fallbackModelId', 'Fallback Model ID');
	if (fallback === model) {
		throw invalidField(context, itemIndex, 'Fallback Model ID', `it is the model itself (${model})`, 'Enter another model, or set "Fallback Model" to None.');
	}
	return fallback;
}
