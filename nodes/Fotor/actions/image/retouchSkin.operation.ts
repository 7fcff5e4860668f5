import { defineImageTask } from './imageTask';

/** POST /v1/aiart/retouchskin — AI Skin Retouch (no options; the output keeps the input size). */
export const retouchSkin = defineImageTask({
	value: 'retouchSkin',
	name: 'Retouch Skin',
	action: 'Retouch skin in a portrait',
	description: 'Smooth skin and remove blemishes in a portrait; the size stays the same (1 token)',
	endpoint: 'retouchskin',
	fileSuffix: 'retouched',
	images: [{ key: 'image', label: 'Image', bodyField: 'userImageUrl', description: 'Where the portrait comes from' }],
	properties: [],
	readParameters: () => ({}),
});
