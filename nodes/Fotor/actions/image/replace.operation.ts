import { requireText } from '../../../shared/validation';
import { defineImageTask } from './imageTask';

/** POST /v1/aiart/replacer — AI Replace: paints new content into a masked region. Note the body uses imageUrl. */
export const replace = defineImageTask({
	value: 'replace',
	name: 'AI Replace',
	action: 'Replace part of an image',
	description: 'Replace the masked part of an image with what the prompt describes (token cost not documented by Fotor)',
	endpoint: 'replacer',
	fileSuffix: 'replaced',
	tokens: () => undefined,
	images: [
		{ key: 'image', label: 'Image', bodyField: 'imageUrl' },
		{
			key: 'mask',
			label: 'Mask',
			bodyField: 'maskImageUrl',
			description:
				'Marks the region to replace. Fotor documents no convention; white on black at the size of the image is the usual form.',
		},
	],
	properties: [
		{
			displayName: 'Prompt',
			name: 'content',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Butterfly',
			description: 'What should appear in the masked region',
		},
	],
	readParameters(itemIndex) {
		return { content: requireText(this, itemIndex, 'content', 'Prompt', 'Describe what should appear in the masked region.') };
	},
});
