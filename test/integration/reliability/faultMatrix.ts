import type { INodeParameters } from 'n8n-workflow';

import type { FaultSpec, TaskOutcomeSpec } from '../../simulator';

/** Operations the matrix runs a row through (each a three-item batch). */
export type MatrixOperation = 'image.textToImage' | 'image.generate' | 'video.generate';

const CLASSIC: MatrixOperation[] = ['image.textToImage'];
const GENERATION: MatrixOperation[] = ['image.generate', 'video.generate'];
const ALL: MatrixOperation[] = [...CLASSIC, ...GENERATION];

/**
 * The fault matrix: each row is one failure of Fotor, what the node does about it, and what
 * the test asserts. The README's Reliability table is generated from these rows.
 * The fault hits the middle item of a three-item batch (or the first matching request).
 */
export interface FaultRow {
	fault: string;
	/** Operations the row runs for (default: Text to Image only). */
	operations?: MatrixOperation[];
	/** Run with Fallback Model = Fotor's recommendation (generation operations only). */
	fallback?: boolean;
	/** Injected into the simulator before the run. */
	inject?: { fault?: FaultSpec; outcome?: TaskOutcomeSpec; restartAfterMs?: number };
	behaviour: string;
	/**
	 * 'retried': every item completes; 'fallback': every item completes, the middle one with the
	 * fallback model; 'error': the middle item (or, for faults that cannot target it, exactly one
	 * item) fails with this message.
	 */
	expect: { kind: 'retried' } | { kind: 'fallback' } | { kind: 'error'; message: RegExp; anyItem?: boolean };
	/** Accepted submits of the middle item (billing), if not 1. */
	acceptedSubmits?: number;
	/** Time for a delayed reply to land before billing is counted. */
	settleMs?: number;
	/** Options for the run (e.g. a short request timeout). */
	options?: INodeParameters;
}

export const MIDDLE = '__middle_item__';
const submit = (kind: FaultSpec['kind'], extra: Partial<FaultSpec> = {}): FaultRow['inject'] => ({ fault: { route: 'submit', match: MIDDLE, kind, ...extra } });
const poll = (kind: FaultSpec['kind'], extra: Partial<FaultSpec> = {}): FaultRow['inject'] => ({ fault: { route: 'task', kind, times: 2, ...extra } });
const download = (kind: FaultSpec['kind']): FaultRow['inject'] => ({ fault: { route: 'download', kind, times: 2 } });
const uncertain = /may or may not have been created/;

export const FAULT_ROWS: FaultRow[] = [
	{ operations: ALL, fault: '429 on submit, with Retry-After', inject: submit('http429', { retryAfter: '1' }), behaviour: 'Fotor refused before accepting, so it is safe to resubmit: the item waits for one of the account\'s running tasks to end (the learned in-flight limit), or Retry-After when none runs, then resubmits', expect: { kind: 'retried' } },
	{ operations: ALL, fault: '429 on submit, without Retry-After', inject: submit('http429', { times: 2 }), behaviour: 'Same; without Retry-After and without running tasks it backs off exponentially with jitter (0.5 s, 1 s, …; up to 8 tries)', expect: { kind: 'retried' } },
	{ fault: '429 on status poll', inject: poll('http429', { retryAfter: '0' }), behaviour: 'Reads are safe to repeat: every call of the account in this n8n process pauses for Retry-After (or backoff), then retries', expect: { kind: 'retried' } },
	{ operations: ALL, fault: '500 on submit', inject: submit('http500'), behaviour: 'Not resent (Fotor may have created the task); error says so and how to check', expect: { kind: 'error', message: uncertain }, acceptedSubmits: 0 },
	{ fault: '502 on submit', inject: submit('http502'), behaviour: 'Not resent; error says the task may exist', expect: { kind: 'error', message: uncertain }, acceptedSubmits: 0 },
	{ fault: '503 on submit', inject: submit('http503'), behaviour: 'Not resent; error says the task may exist', expect: { kind: 'error', message: uncertain }, acceptedSubmits: 0 },
	{ fault: '500 on status poll (twice)', inject: poll('http500'), behaviour: 'Reads are safe to repeat: retried up to 3 times with backoff', expect: { kind: 'retried' } },
	{ fault: '502 on status poll (twice)', inject: poll('http502'), behaviour: 'Retried up to 3 times with backoff', expect: { kind: 'retried' } },
	{ fault: '503 on status poll (twice)', inject: poll('http503'), behaviour: 'Retried up to 3 times with backoff', expect: { kind: 'retried' } },
	{ operations: ALL, fault: '500 on result download (twice)', inject: download('http500'), behaviour: 'Retried up to 3 times with backoff (no credentials are sent to the CDN)', expect: { kind: 'retried' } },
	{ fault: '503 on result download (twice)', inject: download('http503'), behaviour: 'Retried up to 3 times with backoff', expect: { kind: 'retried' } },
	{ fault: 'Connection reset before Fotor read the submit', inject: submit('resetBeforeProcessing'), behaviour: 'A client cannot tell this from a reset after acceptance: not resent; error says the task may exist (here it does not)', expect: { kind: 'error', message: uncertain }, acceptedSubmits: 0 },
	{ operations: ALL, fault: 'Connection reset after Fotor accepted the submit', inject: submit('resetAfterProcessing'), behaviour: 'Not resent, so the accepted task is billed once; error says the task may exist', expect: { kind: 'error', message: uncertain } },
	{ fault: 'Connection reset on status poll', inject: poll('resetBeforeProcessing'), behaviour: 'Retried', expect: { kind: 'retried' } },
	{ operations: ALL, fault: 'Submit reply slower than the request timeout', inject: submit('slow', { delayMs: 2000 }), options: { requestTimeout: 1 }, settleMs: 1200, behaviour: 'Times out; not resent, so the task Fotor still creates is billed once; the error says it may exist', expect: { kind: 'error', message: uncertain } },
	{ fault: 'Status poll slower than the request timeout', inject: poll('slow', { delayMs: 1500, times: 1 }), options: { requestTimeout: 1 }, behaviour: 'Times out, retried', expect: { kind: 'retried' } },
	{ fault: 'Malformed JSON on submit', inject: submit('malformedJson'), acceptedSubmits: 0, behaviour: 'Not resent (the task may exist); error names the malformed reply', expect: { kind: 'error', message: /not valid JSON; the task may or may not have been created/ } },
	{ fault: 'Malformed JSON on status poll', inject: poll('malformedJson'), behaviour: 'Retried', expect: { kind: 'retried' } },
	{ fault: 'HTML error page (502) on submit', inject: submit('htmlError'), behaviour: 'Not resent; error says the task may exist', expect: { kind: 'error', message: uncertain }, acceptedSubmits: 0 },
	{ fault: 'HTML error page (502) on status poll', inject: poll('htmlError'), behaviour: 'Retried', expect: { kind: 'retried' } },
	{ operations: ALL, fault: 'HTTP 200 with code 999 on submit', inject: submit('code999'), behaviour: 'An undocumented code on a 2xx is not a known refusal: the task may exist. Not resent (no fallback either); the error says it may or may not have been created', expect: { kind: 'error', message: /undocumented error code 999: Unknown error; the task may or may not have been created/ }, acceptedSubmits: 0 },
	{ operations: ALL, fault: 'Code 510 (no credits) on submit', inject: submit('code510'), behaviour: 'Clear error ("Not enough Fotor tokens"), not retried, nothing charged', expect: { kind: 'error', message: /Not enough Fotor tokens/ }, acceptedSubmits: 0 },
	{ fault: 'Cloudflare 1010 (403) on submit', inject: submit('cloudflare1010'), behaviour: 'Clear error about the firewall block, not retried', expect: { kind: 'error', message: /Cloudflare error 1010/ }, acceptedSubmits: 0 },
	{ operations: ALL, fault: 'Task ends with status 2 (failed)', inject: { outcome: { status: 2, msg: 'face not detected', match: MIDDLE } }, behaviour: "Error with Fotor's reason and the task ID; Fotor does not bill failed tasks", expect: { kind: 'error', message: /failed: face not detected/ } },
	{ fault: 'Task ends with status 3 (timed out)', inject: { outcome: { status: 3, match: MIDDLE } }, behaviour: 'Error with the task ID', expect: { kind: 'error', message: /timed out at Fotor/ } },
	{ fault: 'Task ends with status 4 (cancelled)', inject: { outcome: { status: 4, match: MIDDLE } }, behaviour: 'Error with the task ID', expect: { kind: 'error', message: /was cancelled at Fotor/ } },
	{ fault: 'Result flagged hasHsfw (NSFW)', inject: { outcome: { status: 1, hasHsfw: true, match: MIDDLE } }, behaviour: 'Error: unsafe content, no image returned', expect: { kind: 'error', message: /unsafe content \(NSFW\)/ } },
	{ operations: ALL, fault: 'Result URL answers 404 (expired)', inject: { fault: { route: 'download', kind: 'http404' } }, behaviour: 'Not retried; error: the link expired, use Task → Get for a fresh one', expect: { kind: 'error', message: /no longer available \(HTTP 404\)/, anyItem: true } },
	{ fault: 'Fotor restarts mid-batch (connections refused for 1.5 s)', inject: { restartAfterMs: 250 }, behaviour: 'Polls and downloads retried over the outage; every item completes, nothing resubmitted', expect: { kind: 'retried' } },
	{ operations: GENERATION, fallback: true, fault: 'Fotor refuses the model (HTTP 400 on submit), Fallback Model set', inject: submit('http400'), behaviour: 'A 4xx refusal created no task, so the fallback model is submitted once; the item completes and says fallbackUsed and fallbackReason', expect: { kind: 'fallback' } },
	{ operations: GENERATION, fallback: true, fault: 'HTTP 200 with code 999 on submit, Fallback Model set', inject: submit('code999'), behaviour: 'No fallback: an undocumented code may hide a created task. Not resent; error says so', expect: { kind: 'error', message: /may or may not have been created/ }, acceptedSubmits: 0 },
	{ operations: GENERATION, fallback: true, fault: '500 on submit, Fallback Model set', inject: submit('http500'), behaviour: 'No fallback: the first task may exist. Not resent; error says so', expect: { kind: 'error', message: uncertain }, acceptedSubmits: 0 },
	{ operations: GENERATION, fallback: true, fault: 'Submit reply slower than the request timeout, Fallback Model set', inject: submit('slow', { delayMs: 2000 }), options: { requestTimeout: 1 }, settleMs: 1200, behaviour: 'No fallback and no resend: the task Fotor still creates is billed once; the error says it may exist', expect: { kind: 'error', message: uncertain } },
	{ operations: GENERATION, fallback: true, fault: 'Code 510 (no credits), Fallback Model set', inject: submit('code510'), behaviour: 'No fallback (another model needs tokens too): clear error, nothing charged', expect: { kind: 'error', message: /Not enough Fotor tokens/ }, acceptedSubmits: 0 },
];

const OPERATION_NAMES: Record<MatrixOperation, string> = {
	'image.textToImage': 'Text to Image',
	'image.generate': 'Image Generate',
	'video.generate': 'Video Generate',
};

/** The README table. */
export function faultMatrixMarkdown(): string {
	return [
		'Each row is one test per operation it lists (`test/integration/reliability/faultMatrix.test.ts`): a three-item batch through n8n-core against the simulator, the fault hitting the middle item. In every row the other items complete, with Continue On Fail a failed item becomes one error item paired to its input, and no item is ever accepted by Fotor twice.',
		'',
		'| Fault | Tested with | What the node does |',
		'|---|---|---|',
		...FAULT_ROWS.map((row) => `| ${row.fault} | ${(row.operations ?? CLASSIC).map((operation) => OPERATION_NAMES[operation]).join(', ')} | ${row.behaviour} |`),
	].join('\n');
}
