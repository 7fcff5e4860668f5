import type { FotorResource } from '../types';
import { generate } from './generate.operation';

/** Video generation with Fotor's AI video models. */
export const video: FotorResource = {
	value: 'video',
	name: 'Video',
	operations: [generate],
};
