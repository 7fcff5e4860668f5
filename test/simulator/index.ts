import { FotorSimulator } from './server';
import type { SimulatorOptions } from './types';

export { FotorSimulator } from './server';
export type * from './types';
export { probeImage, type ImageInfo } from './images/probe';
export { renderImage } from './images/render';
export { decodeJpeg } from './images/jpeg';

/** Starts a Fotor simulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<FotorSimulator> {
	const simulator = new FotorSimulator(options);
	await simulator.listen();
	return simulator;
}
