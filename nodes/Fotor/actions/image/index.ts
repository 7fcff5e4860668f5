import type { FotorResource } from '../types';
import { upscale } from './upscale.operation';

export const image: FotorResource = { value: 'image', name: 'Image', operations: [upscale] };
