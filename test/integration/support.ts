import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { startSimulator, type FotorSimulator, type SimulatorOptions } from '../simulator';

export const SIM_KEY = 'sim-test-key';

/** The credential a test uses to point the node at the simulator. */
export function simulatorCredentials(sim: FotorSimulator, apiKey = SIM_KEY): ICredentialDataDecryptedObject {
	return { apiKey, environment: 'custom', customBaseUrl: sim.url, storageBaseUrl: sim.storageBaseUrl };
}

/** Starts a simulator for the test file and resets it between tests. */
export function useSimulator(options: SimulatorOptions = {}): () => FotorSimulator {
	let sim: FotorSimulator | undefined;
	beforeAll(async () => {
		sim = await startSimulator({ quiet: true, taskDurationMs: 50, ...options });
	});
	afterEach(() => {
		sim?.reset();
		sim?.configure({ taskDurationMs: 50, ...options });
	});
	afterAll(async () => await sim?.close());
	return () => {
		if (!sim) throw new Error('simulator not started');
		return sim;
	};
}

/** Parameters of an image operation with fast polling, so tests take milliseconds per task. */
export function imageParameters(operation: string, fields: INodeParameters, options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'image',
		operation,
		...fields,
		options: { pollInterval: 0.1, ...options },
	};
}
