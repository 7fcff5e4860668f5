/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a test helper polls the simulator while a run is under way */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import type { FotorSimulator } from '../../simulator';
import { base64Image } from '../images';
import { imageParameters, simulatorCredentials } from '../support';

/** Image → Upscale: a classic tool Fotor prices at 1 token per result image. */
export const upscale = (options: INodeParameters = {}): INodeParameters =>
	imageParameters('upscale', { imageSource: 'base64', imageBase64: base64Image(8, 8), upscaleFactor: 2, maxWidth: 2048, maxHeight: 2048 }, options);

/** Input items `{ index }`, so an error item shows it kept its input. */
export const items = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { index } }));

export const acceptedSubmits = (sim: FotorSimulator) => sim.submits.filter((submit) => submit.accepted);

let accounts = 0;
/**
 * Credentials of an account no other test used: prices and the balance are shared per account in
 * the process, so a test that must start from "price unknown" or a fresh balance read needs its own.
 */
export function freshAccount(sim: FotorSimulator, credential: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	const apiKey = `spend-key-${++accounts}`;
	sim.configure({ apiKeys: ['sim-test-key', apiKey] });
	return { ...simulatorCredentials(sim, apiKey), ...credential };
}

/** The most tasks of the simulator that were running at once, from their start and end times. */
export function maxInFlight(sim: FotorSimulator, taskIds: string[]): number {
	const events = taskIds.flatMap((taskId) => {
		const task = sim.tasks.get(taskId);
		if (!task?.endedAt) throw new Error(`task ${taskId} has not ended`);
		return [
			{ at: task.createdAt, step: 1 },
			{ at: task.endedAt, step: -1 },
		];
	});
	// At equal times an end comes first: a task sent as another ends does not overlap it.
	events.sort((a, b) => a.at - b.at || a.step - b.step);
	let running = 0;
	let most = 0;
	for (const { step } of events) most = Math.max(most, (running += step));
	return most;
}

/** Runs `action` once `condition` holds (checked every 5 ms) while a node run is under way. */
export function whenever(condition: () => boolean, action: () => void): () => void {
	const timer = setInterval(() => {
		if (!condition()) return;
		clearInterval(timer);
		action();
	}, 5);
	return () => clearInterval(timer);
}
