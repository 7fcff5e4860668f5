import { requireOption } from '../../../shared/validation';
import { defineImageTask } from './imageTask';

const MODES = ['auto', 'SegmentBody', 'SegmentCommonImage'] as const;

/** POST /v1/aiart/backgroundremover — a transparent PNG cut-out of the subject. */
export const removeBackground = defineImageTask({
	value: 'removeBackground',
	name: 'Remove Background',
	action: 'Remove the background of an image',
	description: 'Cut out the subject and return a transparent PNG of the same size (1 token)',
	endpoint: 'backgroundremover',
	uploadType: 'bg_remove',
	fileSuffix: 'no-background',
	images: [{ key: 'image', label: 'Image', bodyField: 'userImageUrl' }],
	properties: [
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'options',
			default: 'auto',
			description: 'What to keep. Fotor sends "auto" by default.',
			options: [
				{ name: 'Auto', value: 'auto', description: 'Let Fotor decide' },
				{ name: 'Body (People)', value: 'SegmentBody', description: 'Keep people' },
				{ name: 'Common Object', value: 'SegmentCommonImage', description: 'Keep the main object (products, animals)' },
			],
		},
	],
	readParameters(itemIndex) {
		return { action: requireOption(this, itemIndex, 'subject', 'Subject', MODES, 'auto') };
	},
});
