import type { INodeParameters } from 'n8n-workflow';

import type { TestInputItem } from '../../harness/sourceNode';

/** Parameters of Image → Generate with fast polling. */
export const imageGenerate = (fields: INodeParameters, options: INodeParameters = {}): INodeParameters => ({
	resource: 'image',
	operation: 'generate',
	...fields,
	options: { pollInterval: 0.1, ...options },
});

/** Parameters of Video → Generate with fast polling. */
export const videoGenerate = (fields: INodeParameters, options: INodeParameters = {}): INodeParameters => ({
	resource: 'video',
	operation: 'generate',
	...fields,
	options: { pollInterval: 0.1, ...options },
});

/** One entry of an image list (Reference Images, Images), as the editor stores it. */
export const entry = {
	url: (imageUrl: string) => ({ imageSource: 'url', imageUrl }),
	binary: (imageBinaryProperty = 'data') => ({ imageSource: 'binary', imageBinaryProperty }),
	base64: (imageBase64: string) => ({ imageSource: 'base64', imageBase64 }),
};

/** An image list parameter with these entries. */
export const imageList = (...entries: INodeParameters[]): INodeParameters => ({ image: entries });

/** Top-level image fields of one input (Image, Start Frame, End Frame). */
export const single = {
	url: (key: string, url: string) => ({ [`${key}Source`]: 'url', [`${key}Url`]: url }),
	binary: (key: string, property = 'data') => ({ [`${key}Source`]: 'binary', [`${key}BinaryProperty`]: property }),
	base64: (key: string, base64: string) => ({ [`${key}Source`]: 'base64', [`${key}Base64`]: base64 }),
};

/** An input item carrying image files under the given binary fields. */
export const withFiles = (files: Record<string, { data: Buffer; fileName: string }>): TestInputItem => ({ json: {}, binary: files });

/** A public image URL the simulator accepts without fetching it. */
export const REMOTE_IMAGE = 'https://images.example.com/catalog/sneaker.jpg';

/** The submit bodies of the simulator's log, in order. */
export type ImageBody = { width: number; height: number; content: Array<{ type: string; text?: string; url?: string }>; quality: string };
export type VideoBody = {
	prompt: string;
	duration: number;
	resolution: string;
	aspect_ratio: string;
	scenes: string;
	enableAudio: boolean;
	imageUrls?: string[];
};
