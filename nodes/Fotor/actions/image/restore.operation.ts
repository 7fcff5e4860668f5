import { requireBoolean, requireNumberInRange } from '../../../shared/validation';
import { defineImageTask } from './imageTask';

/** POST /v1/aiart/restoration — Old Photo Restoration (CodeFormer-style parameters). */
export const restore = defineImageTask({
	value: 'restore',
	name: 'Restore Photo',
	action: 'Restore an old photo',
	description: 'Repair scratches, blur and faded faces in an old photo (1 token)',
	endpoint: 'restoration',
	fileSuffix: 'restored',
	images: [{ key: 'image', label: 'Image', bodyField: 'userImageUrl' }],
	properties: [
		{
			displayName: 'Enhance Faces',
			name: 'faceUpsample',
			type: 'boolean',
			default: true,
			description: 'Whether to sharpen and upsample faces (faceUpsample; Fotor\'s docs swap the descriptions of this and the next field)',
		},
		{
			displayName: 'Enhance Background',
			name: 'backgroundEnhance',
			type: 'boolean',
			default: true,
			description: 'Whether to enhance the background as well (backgroundEnhance)',
		},
		{
			displayName: 'Upscale',
			name: 'upscale',
			type: 'options',
			default: 2,
			description: 'Enlargement factor. Fotor\'s docs say "fixed magnification: 2"; its own plugin sends 1.',
			options: [
				{ name: '1x (Keep Size)', value: 1 },
				{ name: '2x', value: 2 },
			],
		},
		{
			displayName: 'Fidelity',
			name: 'fidelityWeight',
			type: 'number',
			default: 0.5,
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			description: 'Balance between faithfulness to the original (1) and stronger restoration (0). Fotor recommends 0.5.',
		},
	],
	readParameters(itemIndex) {
		return {
			faceUpsample: requireBoolean(this, itemIndex, 'faceUpsample', 'Enhance Faces', true),
			backgroundEnhance: requireBoolean(this, itemIndex, 'backgroundEnhance', 'Enhance Background', true),
			upscale: requireNumberInRange(this, itemIndex, 'upscale', 'Upscale', { min: 1, max: 2, allowed: [1, 2] }),
			fidelityWeight: requireNumberInRange(this, itemIndex, 'fidelityWeight', 'Fidelity', { min: 0, max: 1 }),
		};
	},
});
