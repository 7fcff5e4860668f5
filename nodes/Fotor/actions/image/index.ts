import type { FotorResource } from '../types';
import { colorize } from './colorize.operation';
import { faceSwap } from './faceSwap.operation';
import { generate } from './generate.operation';
import { headshot } from './headshot.operation';
import { imageToImage } from './imageToImage.operation';
import { removeBackground } from './removeBackground.operation';
import { replace } from './replace.operation';
import { restore } from './restore.operation';
import { retouchSkin } from './retouchSkin.operation';
import { textToImage } from './textToImage.operation';
import { upscale } from './upscale.operation';

/** Every Fotor image tool; adding one means adding its operation file and listing it here. */
export const image: FotorResource = {
	value: 'image',
	name: 'Image',
	operations: [upscale, colorize, faceSwap, generate, headshot, imageToImage, removeBackground, replace, restore, retouchSkin, textToImage],
};
