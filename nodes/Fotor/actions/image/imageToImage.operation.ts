import { optionalText, requireNumberInRange, requireOption, requireText } from '../../../shared/validation';
import { defineImageTask } from './imageTask';

/** POST /v1/aiart/img2img — AI Art Effects: restyles an image with a template. */
export const imageToImage = defineImageTask({
	value: 'imageToImage',
	name: 'Image to Image (AI Art Effects)',
	action: 'Restyle an image with an AI art effect',
	description: 'Turn an image into a new style with a Fotor art-effect template (1 token)',
	endpoint: 'img2img',
	uploadType: 'img2img',
	fileSuffix: 'art-effect',
	images: [
		{
			key: 'image',
			label: 'Image',
			bodyField: 'userImageUrl',
			description: 'Where the image comes from. Fotor takes images up to 1536 px on the long side.',
		},
	],
	properties: [
		{
			displayName: 'Template ID',
			name: 'templateId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ca39d44f-e8c8-4a3e-9d09-c3f96cb2fe60',
			description: "Art-effect template from Fotor's Image to Image style list (the list is not public; the placeholder is the docs' example)",
		},
		{
			displayName: 'Prompt',
			name: 'content',
			type: 'string',
			default: '',
			description: 'Optional text to steer the effect. Sent as an empty string when blank, as in Fotor\'s example.',
		},
		{
			displayName: 'Negative Prompt',
			name: 'negativePrompt',
			type: 'string',
			default: '',
			description: 'What the result should not contain',
		},
		{
			displayName: 'Strength',
			name: 'strength',
			type: 'number',
			default: 0.5,
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			description: 'How far the result may move away from the input: 0 keeps it closest, 1 changes it most',
		},
		{
			displayName: 'Output Format',
			name: 'format',
			type: 'options',
			default: 'jpg',
			options: [
				{ name: 'JPG', value: 'jpg' },
				{ name: 'PNG', value: 'png' },
			],
			description: 'File format of the result',
		},
	],
	readParameters(itemIndex) {
		const negativePrompt = optionalText(this, itemIndex, 'negativePrompt');
		return {
			templateId: requireText(this, itemIndex, 'templateId', 'Template ID', 'Enter an art-effect template ID from Fotor.'),
			content: optionalText(this, itemIndex, 'content') ?? '',
			...(negativePrompt && { negativePrompt }),
			strength: requireNumberInRange(this, itemIndex, 'strength', 'Strength', { min: 0, max: 1 }),
			format: requireOption(this, itemIndex, 'format', 'Output Format', ['jpg', 'png'], 'jpg'),
		};
	},
});
