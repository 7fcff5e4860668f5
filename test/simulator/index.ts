import { FotorSimulator } from './server';
import type { SimulatorOptions } from './types';

export { FotorSimulator } from './server';
export type * from './types';
export { probeImage, type ImageInfo } from './images/probe';
export { renderImage } from './images/render';
export { decodeJpeg } from './images/jpeg';
export { probeMp4, type Mp4Info, type Mp4Track } from './video/probe';
export { IMAGE_MODELS, VIDEO_MODELS, VIDEO_MODES } from './generation/models';

/** Starts a Fotor simulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<FotorSimulator> {
	const simulator = new FotorSimulator(options);
	await simulator.listen();
	return simulator;
}
