import { runNode } from '../../harness/runNode';
import { base64Image } from '../images';
import { imageParameters, simulatorCredentials, useSimulator } from '../support';

/**
 * An item whose task Fotor accepted (and bills) but that fails afterwards, here at the result
 * download: under On Error → Continue its error item must carry the task ID, so the paid result
 * can still be collected with Task → Get.
 */
describe('an item that fails after Fotor accepted its task', () => {
	const sim = useSimulator();
	const parameters = imageParameters('upscale', { upscaleFactor: 2, imageSource: 'base64', imageBase64: base64Image(8, 8) }, { returnMode: 'both' });

	it.each([
		['continueRegularOutput', 0],
		['continueErrorOutput', 1],
	] as const)('with %s the error names the accepted task ID', async (onError, output) => {
		sim().injectFault({ route: 'download', kind: 'http404' });
		const result = await runNode({ parameters, items: [{ json: {} }], credentials: simulatorCredentials(sim()), onError });
		const taskId = sim().submits.find((submit) => submit.accepted)?.taskId;
		expect(taskId).toMatch(/^[0-9a-f]{32}$/);
		const item = result.outputs?.[output]?.[0] ?? result.items[0];
		expect(String(item.json.error)).toContain(`Fotor task ${taskId}`);
		if (onError === 'continueRegularOutput') expect(item.json.taskId).toBe(taskId);
	});
});
