import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ImageUploadMode } from '../../shared/imageInput';
import { binaryPropertyNameField, binaryPropertyNameFrom, RETURN_MODES, returnModeField } from '../../shared/outputFields';
import type { ReturnMode } from '../../shared/task/resultOutput';
import { requireBoolean, requireNumberInRange, requireOption } from '../../shared/validation';

/**
 * What differs between the operations that share the task fields: what is known of their price,
 * the word for the result in descriptions, and the waiting defaults (a video takes minutes, an
 * image seconds). The same settings give the fields' defaults and readTaskOptions' fallbacks, so
 * they never drift.
 */
export interface TaskFieldSettings {
	/** What Fotor charges for this operation, as far as known (starts the Max Tokens description). */
	costNote: string;
	/** "image" or "video": what the Return and Output Binary Field descriptions talk about. */
	result: 'image' | 'video';
	maxWaitSeconds: number;
	maxPollIntervalSeconds: number;
}

/** The classic image tools. */
export const IMAGE_TASK_SETTINGS: TaskFieldSettings = {
	costNote:
		'Each result image costs 1 Fotor token as Fotor documents (AI Headshot: 1 per image; AI Replace: learned from the creditsIncrement Fotor reports). Failed tasks are not charged.',
	result: 'image',
	maxWaitSeconds: 600,
	maxPollIntervalSeconds: 5,
};

const MAX_WAIT_RANGE = { min: 1, max: 3600 };
const POLL_INTERVAL_RANGE = { min: 0.1, max: 60 };

/** A shared output field whose descriptions speak of the result image, reworded for another result. */
const aboutResult = (field: INodeProperties, result: TaskFieldSettings['result']): INodeProperties => {
	if (result === 'image') return field;
	const reword = (text?: string) => text?.replace(/\bimage\b/g, result);
	return {
		...field,
		description: reword(field.description),
		...(field.options && {
			options: (field.options as INodePropertyOptions[]).map((option) => ({ ...option, description: reword(option.description) })),
		}),
	};
};

/** Fields every task operation shares: waiting, output and transfer settings. */
export function taskFields(settings: TaskFieldSettings): INodeProperties[] {
	const { maxPollIntervalSeconds, maxWaitSeconds } = settings;
	return [
		{
			displayName:
				'Keep the node setting "Retry On Fail" off: it re-runs the whole node, so every item is submitted and billed again. The node already retries what is safe; use On Error → Continue to keep the other items\' results.',
			name: 'retryNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: true,
			description:
				'Whether to wait until Fotor finishes and return the result. Off: return the task ID at once and collect the result later with Task → Get or the Fotor Trigger.',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Image Upload',
					name: 'imageUpload',
					type: 'options',
					default: 'dataUri',
					description: 'How images from binary or base64 inputs are sent to Fotor',
					options: [
						{
							name: 'Inline Data URI',
							value: 'dataUri',
							description: 'Send the image inside the request as data:image/...;base64 (works for every operation)',
						},
						{
							name: 'Signed Upload',
							value: 'signedUpload',
							description:
								"Upload to Fotor's storage first (GET /v1/upload/sign + PUT), then send its URL. Smaller requests; not in Fotor's public docs.",
						},
					],
				},
				{
					displayName: 'Max Poll Interval (Seconds)',
					name: 'pollInterval',
					type: 'number',
					default: maxPollIntervalSeconds,
					typeOptions: { minValue: POLL_INTERVAL_RANGE.min, maxValue: POLL_INTERVAL_RANGE.max, numberPrecision: 1 },
					description:
						'Longest pause between two status checks. Polling starts after 0.5 s and backs off up to this value.',
				},
				{
					displayName: 'Max Tokens per Run',
					name: 'maxTokens',
					type: 'number',
					default: 0,
					typeOptions: { minValue: 0 },
					description: `${settings.costNote} The node never sends a task whose expected cost would take the tokens this run was charged and has reserved past this number; such items fail with an error saying why. 0 = no limit. Node-wide: an expression must give the same value for every item.`,
				},
				{
					displayName: 'Max Wait (Seconds)',
					name: 'maxWait',
					type: 'number',
					default: maxWaitSeconds,
					typeOptions: { minValue: MAX_WAIT_RANGE.min, maxValue: MAX_WAIT_RANGE.max },
					description:
						'Stop waiting after this long. The task keeps running at Fotor; collect it later with Task → Get.',
				},
				{
					displayName: 'Parallel Tasks',
					name: 'parallelTasks',
					type: 'number',
					default: 5,
					typeOptions: { minValue: 1, maxValue: 50 },
					description:
						'How many input items run at the same time. 1 runs them one after another. Output order is kept. Node-wide: an expression must give the same value for every item.',
				},
				{
					displayName: 'Request Timeout (Seconds)',
					name: 'requestTimeout',
					type: 'number',
					default: 30,
					typeOptions: { minValue: 1, maxValue: 600 },
					description:
						'How long one call to Fotor may take. A submit that times out is never sent again (it may have been accepted), so raise this rather than retrying by hand. Node-wide: an expression must give the same value for every item.',
				},
				aboutResult({ ...returnModeField, displayName: 'Return' }, settings.result),
				aboutResult(binaryPropertyNameField, settings.result),
			],
		},
	];
}

/** The shared fields of the classic image tools. */
export const taskProperties: INodeProperties[] = taskFields(IMAGE_TASK_SETTINGS);

export interface TaskOptions {
	wait: boolean;
	uploadMode: ImageUploadMode;
	maxPollIntervalMs: number;
	maxWaitMs: number;
	returnMode: ReturnMode;
	binaryPropertyName: string;
}

/** Reads and checks the shared task fields for one item (defaults from the operation's settings). */
export function readTaskOptions(
	context: IExecuteFunctions,
	itemIndex: number,
	settings: TaskFieldSettings = IMAGE_TASK_SETTINGS,
): TaskOptions {
	const option = (name: string) => `options.${name}`;
	return {
		wait: requireBoolean(context, itemIndex, 'waitForCompletion', 'Wait for Completion', true),
		uploadMode: requireOption(context, itemIndex, option('imageUpload'), 'Image Upload', ['dataUri', 'signedUpload'], 'dataUri'),
		maxPollIntervalMs:
			requireNumberInRange(context, itemIndex, option('pollInterval'), 'Max Poll Interval (Seconds)', POLL_INTERVAL_RANGE, settings.maxPollIntervalSeconds) *
			1000,
		maxWaitMs: requireNumberInRange(context, itemIndex, option('maxWait'), 'Max Wait (Seconds)', MAX_WAIT_RANGE, settings.maxWaitSeconds) * 1000,
		returnMode: requireOption(context, itemIndex, option('returnMode'), 'Return', RETURN_MODES, 'both'),
		binaryPropertyName: binaryPropertyNameFrom(context.getNodeParameter(option('binaryPropertyName'), itemIndex, 'data')),
	};
}
