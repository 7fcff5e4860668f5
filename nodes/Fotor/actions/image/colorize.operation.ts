import { requireBoolean, requireNumberInRange, requireText } from '../../../shared/validation';
import { defineImageTask } from './imageTask';

/** POST /v1/aiart/colorize — Photo Colorize for black-and-white photos. */
export const colorize = defineImageTask({
	value: 'colorize',
	name: 'Colorize',
	action: 'Colorize a black and white photo',
	description: 'Add natural colours to a black-and-white photo (1 token)',
	endpoint: 'colorize',
	fileSuffix: 'colorized',
	images: [{ key: 'image', label: 'Image', bodyField: 'userImageUrl' }],
	properties: [
		{
			displayName: 'Model',
			name: 'modelName',
			type: 'options',
			default: 'stable',
			description:
				'Colorization model. Fotor documents no list: "stable" is what its own plugin sends; "artistic" is the usual second model. Choose Custom to send another name.',
			options: [
				{ name: 'Artistic', value: 'artistic', description: 'Bolder colours' },
				{ name: 'Custom', value: 'custom', description: 'Send a model name of your choice' },
				{ name: 'Stable', value: 'stable', description: 'Natural colours (Fotor default)' },
			],
		},
		{
			displayName: 'Custom Model Name',
			name: 'customModelName',
			type: 'string',
			default: '',
			// Not `required`: with Model set by an expression n8n would show this field and refuse to run.
			displayOptions: { show: { modelName: ['custom'] } },
			description: 'Model name sent to Fotor as modelName',
		},
		{
			displayName: 'Render Factor',
			name: 'renderFactor',
			type: 'number',
			default: 35,
			typeOptions: { minValue: 1, maxValue: 100 },
			description:
				'Resolution the colours are computed at: higher is more detailed but can look washed out. Usual values are 7–45; Fotor documents no range.',
		},
		{
			displayName: 'Watermarked',
			name: 'watermarked',
			type: 'boolean',
			default: false,
			description: 'Whether Fotor adds its watermark to the result',
		},
	],
	readParameters(itemIndex) {
		const model = this.getNodeParameter('modelName', itemIndex, 'stable') as string;
		return {
			modelName: model === 'custom' ? requireText(this, itemIndex, 'customModelName', 'Custom Model Name') : requireText(this, itemIndex, 'modelName', 'Model'),
			renderFactor: requireNumberInRange(this, itemIndex, 'renderFactor', 'Render Factor', { min: 1, max: 100, integer: true }),
			watermarked: requireBoolean(this, itemIndex, 'watermarked', 'Watermarked', false),
		};
	},
});
