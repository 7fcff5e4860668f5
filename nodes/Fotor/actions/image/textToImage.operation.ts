import { optionalText, requireText } from '../../../shared/validation';
import { defineImageTask } from './imageTask';
import { BY_ID, DEFAULT_TEXT_TO_IMAGE_STYLE, textToImageStyleOptions } from './styles';

const CUSTOM_SIZE = 'custom';

/** POST /v1/aiart/text2img — one image from a prompt and a style. */
export const textToImage = defineImageTask({
	value: 'textToImage',
	name: 'Text to Image',
	action: 'Generate an image from text',
	description: 'Generate an image from a text prompt in a chosen style (1 token)',
	endpoint: 'text2img',
	fileSuffix: 'text-to-image',
	images: [],
	properties: [
		{
			displayName: 'Prompt',
			name: 'content',
			type: 'string',
			default: '',
			required: true,
			typeOptions: { rows: 3 },
			placeholder: 'A cosy coffee shop on a rainy evening, warm light',
			description: 'What to generate. Fotor recommends English prompts.',
		},
		{
			displayName: 'Aspect Ratio',
			name: 'sizeId',
			type: 'options',
			default: '1:1',
			description:
				'Shape of the image. Fotor\'s docs also show 24-character size IDs; pick Custom Size ID to send one.',
			options: [
				{ name: '16:9 (Landscape)', value: '16:9' },
				{ name: '1:1 (Square)', value: '1:1' },
				{ name: '3:4 (Portrait)', value: '3:4' },
				{ name: '4:3', value: '4:3' },
				{ name: '9:16 (Story)', value: '9:16' },
				{ name: 'Custom Size ID', value: CUSTOM_SIZE },
			],
		},
		{
			displayName: 'Custom Size ID',
			name: 'customSizeId',
			type: 'string',
			default: '',
			// Not `required` (nor Style ID): with the option set by an expression n8n would refuse to run;
			// readParameters checks whichever is in use.
			placeholder: '6361e03bc09cb851c66328a4',
			displayOptions: { show: { sizeId: [CUSTOM_SIZE] } },
			description: 'Sent to Fotor as sizeId unchanged',
		},
		{
			displayName: 'Style',
			name: 'style',
			type: 'options',
			default: DEFAULT_TEXT_TO_IMAGE_STYLE,
			options: textToImageStyleOptions,
			description:
				'Style template. Names and IDs come from public code and may be outdated; use By ID for any ID from Fotor\'s style list.',
		},
		{
			displayName: 'Style ID',
			name: 'styleId',
			type: 'string',
			default: '',
			displayOptions: { show: { style: [BY_ID] } },
			description: 'Template ID sent to Fotor as templateId',
		},
		{
			displayName: 'Negative Prompt',
			name: 'negativePrompt',
			type: 'string',
			default: '',
			description: 'What the image should not contain',
		},
	],
	readParameters(itemIndex) {
		const size = this.getNodeParameter('sizeId', itemIndex, '1:1') as string;
		const style = this.getNodeParameter('style', itemIndex, DEFAULT_TEXT_TO_IMAGE_STYLE) as string;
		const negativePrompt = optionalText(this, itemIndex, 'negativePrompt');
		return {
			content: requireText(this, itemIndex, 'content', 'Prompt', 'Describe the image to generate.'),
			sizeId: size === CUSTOM_SIZE ? requireText(this, itemIndex, 'customSizeId', 'Custom Size ID') : requireText(this, itemIndex, 'sizeId', 'Aspect Ratio'),
			templateId: style === BY_ID ? requireText(this, itemIndex, 'styleId', 'Style ID') : requireText(this, itemIndex, 'style', 'Style'),
			...(negativePrompt && { negativePrompt }),
		};
	},
});
