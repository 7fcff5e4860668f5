import { requireNumberInRange } from '../../../shared/validation';
import { defineImageTask } from './imageTask';

/** POST /v1/aiart/imgupscale — AI Upscaler, 2x or 4x. */
export const upscale = defineImageTask({
	value: 'upscale',
	name: 'Upscale',
	action: 'Upscale an image',
	description: 'Enlarge an image 2x or 4x with the AI Upscaler (1 token)',
	endpoint: 'imgupscale',
	uploadType: 'img_upscale',
	fileSuffix: 'upscaled',
	images: [{ key: 'image', label: 'Image', bodyField: 'userImageUrl' }],
	properties: [
		{
			displayName: 'Upscale Factor',
			name: 'upscaleFactor',
			type: 'options',
			default: 2,
			options: [
				{ name: '2x', value: 2 },
				{ name: '4x', value: 4 },
			],
			description: 'How much larger the result is, per side',
		},
		{
			displayName: 'Max Output Width',
			name: 'maxWidth',
			type: 'number',
			default: 2048,
			typeOptions: { minValue: 64, maxValue: 8192 },
			description: 'Largest width of the result in pixels. Fotor documents 2048 in its example; what happens above the cap is not documented.',
		},
		{
			displayName: 'Max Output Height',
			name: 'maxHeight',
			type: 'number',
			default: 2048,
			typeOptions: { minValue: 64, maxValue: 8192 },
			description: 'Largest height of the result in pixels',
		},
	],
	readParameters(itemIndex) {
		return {
			upscaling_resize: requireNumberInRange(this, itemIndex, 'upscaleFactor', 'Upscale Factor', { min: 2, max: 4, allowed: [2, 4] }),
			max_image_width: requireNumberInRange(this, itemIndex, 'maxWidth', 'Max Output Width', { min: 64, max: 8192, integer: true }),
			max_image_height: requireNumberInRange(this, itemIndex, 'maxHeight', 'Max Output Height', { min: 64, max: 8192, integer: true }),
		};
	},
});
