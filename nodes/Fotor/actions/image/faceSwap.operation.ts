import { defineImageTask } from './imageTask';

/** POST /v1/aiart/faceswap — puts the face of one image into another. */
export const faceSwap = defineImageTask({
	value: 'faceSwap',
	name: 'Face Swap',
	action: 'Swap a face into an image',
	description: 'Put the face from one image onto the person in another; the target keeps its size (1 token)',
	endpoint: 'faceswap',
	fileSuffix: 'face-swapped',
	// The result is the target photo with a new face, so it keeps the target's name.
	fileNameFrom: 'targetImage',
	images: [
		{ key: 'image', label: 'Face Image', bodyField: 'userImageUrl', description: 'The image with the face to use' },
		{ key: 'targetImage', label: 'Target Image', bodyField: 'templateImageUrl', description: 'The image whose face is replaced' },
	],
	properties: [],
	readParameters: () => ({}),
});
