import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MAX_RECORD_AGE_MS, MAX_RECORDS, PaidTaskLedger, STATIC_DATA_KEY } from '../../../nodes/shared/retry/paidTaskLedger';
import { requestKeys } from '../../../nodes/shared/retry/requestFingerprint';

let contexts = 0;
/** The parts of an execute context the ledger reads; every context is another workflow (no shared process copy). */
function context(mode: string, staticData: IDataObject): IExecuteFunctions {
	const workflowId = `wf-unit-${++contexts}`;
	return {
		getMode: () => mode,
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: workflowId, name: 'unit', active: true }),
		getNode: () => ({ id: 'node-1', name: 'Fotor' }),
	} as unknown as IExecuteFunctions;
}

describe('PaidTaskLedger', () => {
	it('keeps records in static data, where a retry in another process finds them', () => {
		const staticData: IDataObject = {};
		PaidTaskLedger.forRun(context('webhook', staticData)).record([{ key: 'k#0', taskId: 't1' }]);
		expect(Object.keys(staticData[STATIC_DATA_KEY] as IDataObject)).toEqual(['k#0']);
		const retry = PaidTaskLedger.forRun(context('retry', staticData));
		expect(retry.retrying).toBe(true);
		expect(retry.take('k#0')).toBe('t1');
		expect(retry.take('k#0')).toBeUndefined();
		expect(staticData[STATIC_DATA_KEY]).toBeUndefined();
	});

	it('records nothing for manual runs', () => {
		const staticData: IDataObject = {};
		const ledger = PaidTaskLedger.forRun(context('manual', staticData));
		expect(ledger.keepsRecords).toBe(false);
		ledger.record([{ key: 'k#0', taskId: 't1' }]);
		expect(staticData).toEqual({});
	});

	it(`keeps the newest ${MAX_RECORDS} records and drops those older than 7 days`, () => {
		const staticData: IDataObject = {};
		let now = 1_000_000;
		const ledger = PaidTaskLedger.forRun(context('webhook', staticData), () => now);
		for (let index = 0; index < MAX_RECORDS + 20; index++) {
			now += 1;
			ledger.record([{ key: `k${index}#0`, taskId: `t${index}` }]);
		}
		const kept = Object.keys(staticData[STATIC_DATA_KEY] as IDataObject);
		expect(kept).toHaveLength(MAX_RECORDS);
		expect(kept).not.toContain('k0#0');
		expect(kept).toContain(`k${MAX_RECORDS + 19}#0`);
		now += MAX_RECORD_AGE_MS;
		expect(PaidTaskLedger.forRun(context('retry', staticData), () => now).hasRecords).toBe(false);
	});
});

describe('request keys', () => {
	const image = (bytes: string) => ({ kind: 'bytes', load: async () => Buffer.from(bytes), size: bytes.length, type: { mimeType: 'image/png', extension: 'png' }, name: 'image' });
	const keysOf = async (inputs: unknown[]) => await requestKeys({} as IExecuteFunctions, 'image.upscale', inputs);

	it('tells equal items apart by occurrence, and ignores the run settings in options', async () => {
		const input = { parameters: { upscaling_resize: 2 }, images: [image('png-bytes')], options: { maxWaitMs: 1000 } };
		const [first, second, laterWait] = await keysOf([input, { ...input }, { ...input, options: { maxWaitMs: 9000 } }]);
		expect(first?.endsWith('#0')).toBe(true);
		expect(second?.endsWith('#1')).toBe(true);
		expect(first?.split('#')[0]).toBe(second?.split('#')[0]);
		expect(laterWait).toBe(`${first?.split('#')[0]}#2`);
	});

	it('differs for different binaries, models and sizes', async () => {
		const keys = await keysOf([
			{ images: [image('one')], primary: { model: 'gpt-image-2', width: 1024, height: 1024 } },
			{ images: [image('two')], primary: { model: 'gpt-image-2', width: 1024, height: 1024 } },
			{ images: [image('one')], primary: { model: 'flux-2-pro', width: 1024, height: 1024 } },
			{ images: [image('one')], primary: { model: 'gpt-image-2', width: 1536, height: 1024 } },
		]);
		expect(new Set(keys.map((key) => key?.split('#')[0])).size).toBe(4);
	});

	it('gives items that failed their checks no key', async () => {
		expect(await keysOf([undefined])).toEqual([undefined]);
	});
});
