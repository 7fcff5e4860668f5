import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ImageUploadMode } from '../../../shared/imageInput';
import { binaryPropertyNameField, binaryPropertyNameFrom, RETURN_MODES, returnModeField } from '../../../shared/outputFields';
import type { ReturnMode } from '../../../shared/task/resultOutput';
import { requireBoolean, requireNumberInRange, requireOption } from '../../../shared/validation';

/** Fields every image operation shares: waiting, output and transfer settings. */
export const taskProperties: INodeProperties[] = [
	{
		displayName:
			'Each result image costs Fotor tokens (usually 1; AI Headshot: 1 per image). Failed tasks are not charged. Check the balance with Account → Get Credits; a Sandbox credential spends no production tokens.',
		name: 'tokenNotice',
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
				default: 5,
				typeOptions: { minValue: 0.1, maxValue: 60, numberPrecision: 1 },
				description:
					'Longest pause between two status checks. Polling starts after 0.5 s and backs off up to this value.',
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWait',
				type: 'number',
				default: 600,
				typeOptions: { minValue: 1, maxValue: 3600 },
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
					'How many input items run at the same time. 1 runs them one after another. Output order is kept.',
			},
			{
				displayName: 'Request Timeout (Seconds)',
				name: 'requestTimeout',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1, maxValue: 600 },
				description:
					'How long one call to Fotor may take. A submit that times out is never sent again (it may have been accepted), so raise this rather than retrying by hand.',
			},
			{ ...returnModeField, displayName: 'Return' },
			binaryPropertyNameField,
		],
	},
];

export interface TaskOptions {
	wait: boolean;
	uploadMode: ImageUploadMode;
	maxPollIntervalMs: number;
	maxWaitMs: number;
	returnMode: ReturnMode;
	binaryPropertyName: string;
}

/** Reads and checks the shared task fields for one item. */
export function readTaskOptions(context: IExecuteFunctions, itemIndex: number): TaskOptions {
	const option = (name: string) => `options.${name}`;
	return {
		wait: requireBoolean(context, itemIndex, 'waitForCompletion', 'Wait for Completion', true),
		uploadMode: requireOption(context, itemIndex, option('imageUpload'), 'Image Upload', ['dataUri', 'signedUpload'], 'dataUri'),
		maxPollIntervalMs:
			requireNumberInRange(context, itemIndex, option('pollInterval'), 'Max Poll Interval (Seconds)', { min: 0.1, max: 60 }, 5) * 1000,
		maxWaitMs: requireNumberInRange(context, itemIndex, option('maxWait'), 'Max Wait (Seconds)', { min: 1, max: 3600 }, 600) * 1000,
		returnMode: requireOption(context, itemIndex, option('returnMode'), 'Return', RETURN_MODES, 'both'),
		binaryPropertyName: binaryPropertyNameFrom(context.getNodeParameter(option('binaryPropertyName'), itemIndex, 'data')),
	};
}
