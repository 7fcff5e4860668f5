/**
 * The settings matrix: every cell is one workflow, one combination of settings and what must come
 * out. The runner expands `on` (binary data modes × workflow binary modes) per n8n line.
 */
import {
	ackWithin,
	billableSubmitsPerTry,
	branches,
	errorListsAcceptedTaskIds,
	errorMatches,
	failed,
	noFotorRequests,
	notRunByN8n,
	noSubmitAfterFirstFailure,
	noSubmits,
	result,
	status,
	stopEndsWithin,
	submittedItems,
	triggerItem,
	type Check,
	type DataMode,
} from './assertions';
import type { FotorSimulator } from '../../simulator';
import type { OutsideWorld } from './servers';
import type { BinaryMode, ItemSpec, NodeSettings, WorkflowKind } from './workflows';

export interface CellSetup {
	sim: FotorSimulator;
	world: OutsideWorld;
	/** Creates `count` finished upscale tasks of item images 0..count-1 directly at Fotor; returns their IDs. */
	createTasks(count: number): Promise<string[]>;
}

export interface Cell {
	id: string;
	/** Which point of the spec the cell checks. */
	spec: string;
	workflow: WorkflowKind;
	items: ItemSpec[];
	node?: NodeSettings;
	parameters?: Record<string, unknown>;
	options?: Record<string, unknown>;
	binaryField?: string;
	/** Settings the cell runs under; each combination is one run. Default: filesystem × separate. */
	on?: { dataModes?: DataMode[]; binaryModes?: BinaryMode[] };
	/** Only on these n8n lines ("1", "2"); default both. */
	lines?: string[];
	/** Faults, task outcomes and tasks the cell needs; may rewrite the items (task IDs). */
	setup?(ctx: CellSetup, items: ItemSpec[]): Promise<ItemSpec[] | void>;
	/** How the run is driven: manual run to the end, Stop pressed mid-wait, or a Fotor delivery to the trigger. */
	action?: 'run' | 'stopMidWait' | 'deliver';
	/** Trigger cells: CDN behaviour for the result download. */
	cdn?: { delayMs?: number; failStatus?: number };
	checks: Check[];
	/** Retry On Fail cells record duplicates instead of failing on them. */
	allowDuplicateSubmits?: boolean;
	/** Wall-time budget of the run. */
	maxMs: number;
}

const THREE: ItemSpec[] = [{}, {}, {}];
const MIDDLE_FAILS = /simulated failure of item 1/;
const ALL_MODES = { dataModes: ['filesystem', 'database'] as DataMode[], binaryModes: ['separate', 'combined'] as BinaryMode[] };

/** The middle item's task is accepted and then fails at Fotor (status 2). */
const middleTaskFails = (times = 1) => async ({ sim }: CellSetup) => {
	sim.injectTaskOutcome({ endpoint: 'imgupscale', match: '/img/1.png', status: 2, msg: 'simulated failure of item 1', durationMs: 150, times });
};

const tasksForItems = async ({ createTasks }: CellSetup, items: ItemSpec[]) => {
	const ids = await createTasks(items.length);
	return items.map((item, i) => ({ ...item, taskId: item.taskId ?? ids[i] }));
};

export const CELLS: Cell[] = [
	// ---- the four workflows under every binary setting ----
	{ id: 'url/ok', spec: 'URL input, 3 items', workflow: 'url', items: THREE, on: ALL_MODES, checks: [status('success'), branches([result(0), result(1), result(2)]), submittedItems(0, 1, 2)], maxMs: 15_000 },
	{ id: 'binaryCode/ok', spec: '2: binary input made by a Code node (inline base64)', workflow: 'binaryCode', items: THREE, on: ALL_MODES, checks: [status('success'), branches([result(0), result(1), result(2)]), submittedItems(0, 1, 2)], maxMs: 15_000 },
	{ id: 'binaryStored/ok', spec: '2: binary input stored by Convert to File (binary data store)', workflow: 'binaryStored', items: THREE, on: ALL_MODES, checks: [status('success'), branches([result(0), result(1), result(2)]), submittedItems(0, 1, 2)], maxMs: 15_000 },
	{
		id: 'binaryStored/signedUpload',
		spec: 'binary input sent by Signed Upload (the PUT to storage carries no API key)',
		workflow: 'binaryStored',
		items: THREE,
		options: { imageUpload: 'signedUpload' },
		on: { dataModes: ['filesystem', 'database'] },
		checks: [status('success'), branches([result(0), result(1), result(2)]), submittedItems(0, 1, 2)],
		maxMs: 15_000,
	},
	{
		id: 'binaryStored/combinedExpression',
		spec: '2: combined mode, binary field given as an expression ({{ $json._files.data }})',
		workflow: 'binaryStored',
		items: THREE,
		binaryField: '={{ $json._files.data }}',
		on: { binaryModes: ['combined'] },
		lines: ['2'],
		checks: [status('success'), branches([result(0), result(1), result(2)])],
		maxMs: 15_000,
	},
	{ id: 'taskGet/ok', spec: 'Task → Get with Download Result, 3 items', workflow: 'taskGet', items: THREE, on: ALL_MODES, setup: tasksForItems, checks: [status('success'), branches([result(0), result(1), result(2)]), noSubmits()], maxMs: 15_000 },

	// ---- 1: a failing middle item with "continue" ----
	{
		id: 'url/continueRegular/middleTaskFails',
		spec: '1: On Error = Continue (regular output), middle task fails at Fotor',
		workflow: 'url',
		items: THREE,
		node: { onError: 'continueRegularOutput' },
		setup: middleTaskFails(),
		checks: [status('success'), branches([result(0), failed(1, MIDDLE_FAILS), result(2)]), submittedItems(0, 1, 2)],
		maxMs: 15_000,
	},
	{
		id: 'url/continueErrorOutput/middleTaskFails',
		spec: '1: On Error = Continue (using error output), middle task fails at Fotor',
		workflow: 'url',
		items: THREE,
		node: { onError: 'continueErrorOutput' },
		setup: middleTaskFails(),
		checks: [status('success'), branches([result(0), result(2)], [failed(1, MIDDLE_FAILS)]), submittedItems(0, 1, 2)],
		maxMs: 15_000,
	},
	{
		id: 'url/continueErrorOutput/middleRefused',
		spec: '1: On Error = Continue (using error output), Fotor refuses the middle submit (image URL 404)',
		workflow: 'url',
		items: [{}, { image: 'missing' }, {}],
		node: { onError: 'continueErrorOutput' },
		checks: [status('success'), branches([result(0), result(2)], [failed(1)]), submittedItems(0, 1, 2)],
		maxMs: 15_000,
	},
	{
		id: 'taskGet/continueErrorOutput/unknownTask',
		spec: '1: Task → Get, On Error = Continue (using error output), middle task ID unknown to Fotor',
		workflow: 'taskGet',
		items: [{}, { taskId: 'a0000000000000000000000000000bad' }, {}],
		node: { onError: 'continueErrorOutput' },
		setup: tasksForItems,
		checks: [status('success'), branches([result(0), result(2)], [failed(1)]), noSubmits()],
		maxMs: 15_000,
	},

	// ---- 3: Stop On Error (default) ----
	{
		id: 'url/stopOnError/middleTaskFails',
		spec: '3: On Error = Stop (default), middle task fails; error lists accepted task IDs',
		workflow: 'url',
		items: THREE,
		setup: middleTaskFails(),
		checks: [status('error'), errorMatches(MIDDLE_FAILS), errorListsAcceptedTaskIds(), noSubmitAfterFirstFailure()],
		maxMs: 15_000,
	},
	{
		id: 'url/stopOnError/sequential/middleRefused',
		spec: '3: On Error = Stop, Parallel Tasks 1, middle submit refused: item 2 never submitted',
		workflow: 'url',
		items: [{}, { image: 'missing' }, {}],
		options: { parallelTasks: 1 },
		checks: [status('error'), submittedItems(0, 1), errorListsAcceptedTaskIds(), noSubmitAfterFirstFailure()],
		maxMs: 15_000,
	},
	{
		id: 'url/stopOnError/badInput',
		spec: '3: On Error = Stop, Upscale Factor {{ $json.f }} = 2, 4, 3: nothing is submitted',
		workflow: 'url',
		items: [{ f: 2 }, { f: 4 }, { f: 3 }],
		checks: [status('error'), errorMatches(/Upscale Factor/), noSubmits()],
		maxMs: 15_000,
	},

	// ---- 4: Retry On Fail ----
	{
		id: 'url/retryOnFail/middleTaskFails',
		spec: "4: Retry On Fail (2 tries), middle task fails every time: billable submits as n8n's re-run implies",
		workflow: 'url',
		items: THREE,
		node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 100 },
		setup: middleTaskFails(10),
		allowDuplicateSubmits: true,
		checks: [status('error'), billableSubmitsPerTry(3, 2)],
		maxMs: 20_000,
	},

	// ---- 5: Max Wait ----
	{
		id: 'url/maxWait',
		spec: '5: task finishing at 1.7 s, Max Wait 2 s, Max Poll Interval 0.5 s completes',
		workflow: 'url',
		items: [{}],
		options: { maxWait: 2, pollInterval: 0.5 },
		setup: async ({ sim }) => sim.injectTaskOutcome({ endpoint: 'imgupscale', status: 1, durationMs: 1700 }),
		checks: [status('success'), branches([result(0)])],
		maxMs: 6_000,
	},

	// ---- 6: Stop pressed mid-wait ----
	{
		id: 'url/stopMidWait',
		spec: '6: Stop pressed while the node waits: run ends within ~1 s, no submit after Stop',
		workflow: 'webhookUrl',
		items: THREE,
		options: { parallelTasks: 1, pollInterval: 0.5 },
		setup: async ({ sim }) => sim.configure({ taskDurationMs: 60_000 }),
		action: 'stopMidWait',
		checks: [stopEndsWithin(1_200), submittedItems(0)],
		maxMs: 20_000,
	},

	// ---- 7: Always Output Data, Execute Once ----
	{
		id: 'empty/alwaysOutputData',
		spec: "7: Always Output Data, 0 items in. Spec: one empty item out. n8n's v1 order never runs a node whose input is empty, so this cell pins what n8n does: the node is not run and nothing reaches Fotor",
		workflow: 'empty',
		items: [],
		node: { alwaysOutputData: true },
		checks: [status('success'), notRunByN8n(), noFotorRequests()],
		maxMs: 10_000,
	},
	{
		id: 'url/executeOnce',
		spec: '7: Execute Once, 3 items in: only item 0 is submitted',
		workflow: 'url',
		items: THREE,
		node: { executeOnce: true },
		checks: [status('success'), branches([result(0)]), submittedItems(0)],
		maxMs: 10_000,
	},

	// ---- 8: Fotor Trigger ----
	{ id: 'trigger/download', spec: '8: Fotor Trigger, Download Result on: prompt ack, result file in the item', workflow: 'trigger', items: [], on: ALL_MODES, action: 'deliver', checks: [ackWithin(1_000), triggerItem('file')], maxMs: 20_000 },
	{
		id: 'trigger/slowDownload',
		spec: '8: Fotor Trigger, Download Result on, CDN answers after 3 s: ack still < 1 s',
		workflow: 'trigger',
		items: [],
		action: 'deliver',
		cdn: { delayMs: 3_000 },
		checks: [ackWithin(1_000), triggerItem('fileOrReason')],
		maxMs: 25_000,
	},
	{
		id: 'trigger/failingDownload',
		spec: '8: Fotor Trigger, Download Result on, CDN answers 500: ack still < 1 s',
		workflow: 'trigger',
		items: [],
		action: 'deliver',
		cdn: { failStatus: 500 },
		checks: [ackWithin(1_000), triggerItem('fileOrReason')],
		maxMs: 25_000,
	},
];
