import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import type { FotorFailure } from './failure';
import { outcomeUncertain } from './failure';
import { redactSecrets } from './redact';

export interface ErrorContext {
	itemIndex?: number;
	/** e.g. "POST /v1/aiart/imgupscale" */
	operation: string;
	billable: boolean;
	attempts: number;
	secrets: Array<string | undefined>;
}

const fotorDetail = (failure: FotorFailure) =>
	[
		failure.httpStatus !== undefined ? `HTTP ${failure.httpStatus}` : undefined,
		failure.fotorCode !== undefined ? `code ${failure.fotorCode}` : undefined,
		failure.networkCode,
	]
		.filter(Boolean)
		.join(', ');

/** A billable submit whose fate is unknown: Fotor may have created (and may bill) the task. */
const uncertain = (what: string) => ({
	message: `${what}; the task may or may not have been created`,
	description:
		'The request was not sent again, so you are never charged twice. Fotor may still run (and bill) the task: check your token balance (Account → Get Credits) before running this item again.',
});

function explain(failure: FotorFailure, context: ErrorContext): { message: string; description: string } {
	const said = failure.fotorMsg ? `: ${failure.fotorMsg}` : '';
	const retried = context.attempts > 1 ? ` Tried ${context.attempts} times.` : '';
	switch (failure.kind) {
		case 'auth':
			return {
				message: 'Fotor rejected the API key',
				description:
					"Check the API key in the 'Fotor API' credential, and that it belongs to the selected environment (a production key does not work on the sandbox and vice versa).",
			};
		case 'forbidden':
			return failure.cloudflare1010
				? {
						message: "Fotor's firewall blocked the request (Cloudflare error 1010)",
						description:
							'Cloudflare blocked this client by its signature or IP address. The node sends its own User-Agent; if a proxy between n8n and Fotor rewrites it, or your server IP is blocked, ask Fotor support to allow your server.',
					}
				: {
						message: `Fotor refused access${said}`,
						description:
							'The key is valid but not allowed to do this. Check the plan of your Fotor developer account.',
					};
		case 'rateLimited':
			return {
				message: `Fotor is limiting the request rate${said}`,
				description: `Fotor answered 429 (too many requests).${retried} Lower "Parallel Tasks" in the node options or run the workflow less often.`,
			};
		case 'noCredits':
			return {
				message: 'Not enough Fotor tokens to run this task',
				description:
					'Fotor answered code 510 ("No enough credits"). Nothing was charged for this request. Recharge with a link from Account → Get Recharge Links (or on developers.fotor.com), and check the balance with Account → Get Credits.',
			};
		case 'badRequest':
			return {
				message: `Fotor rejected the request${said}`,
				description: 'Check the values of the fields named in the message.',
			};
		case 'notFound':
			return {
				message: `Fotor does not know this address or object${said}`,
				description:
					'If you use a custom base URL, check it. If this is a task ID, check that it was created with the same API key.',
			};
		case 'apiError':
			return context.billable
				? uncertain(`Fotor answered with an undocumented error code ${failure.fotorCode}${said}`)
				: {
						message: `Fotor returned an error${said || ` (code ${failure.fotorCode})`}`,
						description: 'Fotor accepted the connection but reported an error for this request.',
					};
		case 'redirect':
			return {
				message: `Fotor answered with a redirect to ${failure.redirectTarget ?? 'another address'}`,
				description:
					'The node does not follow redirects, so the API key is never sent to another origin. Check the base URL in the credential (Fotor itself is not known to redirect).',
			};
		case 'cancelled':
			return context.billable && failure.inFlight
				? uncertain('The execution was stopped while the request was on its way to Fotor')
				: { message: 'The execution was cancelled', description: 'The request to Fotor was stopped.' };
		case 'connectionRefused':
			return {
				message: 'Could not connect to Fotor',
				description: `Nothing was sent.${retried} Check the environment or base URL in the credential and the network of the n8n server.`,
			};
		default: {
			const what =
				failure.kind === 'timeout'
					? 'Fotor did not answer in time'
					: failure.kind === 'malformed'
						? 'Fotor sent a reply that is not valid JSON'
						: failure.kind === 'server'
							? `Fotor had a server error${said}`
							: failure.networkCode === undefined && failure.detail
								? `The request to Fotor failed before a reply came (${failure.detail})`
								: 'The connection to Fotor broke';
			if (context.billable && outcomeUncertain(failure)) return uncertain(what);
			return {
				message: what,
				description: `${retried} This is usually temporary; try again later.`.trim(),
			};
		}
	}
}

/** Builds the NodeApiError for a failed Fotor call. The API key never reaches it. */
export function toNodeApiError(node: INode, failure: FotorFailure, context: ErrorContext): NodeApiError {
	const { message, description } = explain(failure, context);
	const detail = fotorDetail(failure);
	const clean = (text: string) => redactSecrets(text, context.secrets);
	const response: JsonObject = {
		message: clean(message),
		kind: failure.kind,
		operation: context.operation,
		...(failure.httpStatus !== undefined && { httpStatus: failure.httpStatus }),
		...(failure.fotorCode !== undefined && { fotorCode: failure.fotorCode }),
		...(failure.fotorMsg !== undefined && { fotorMsg: clean(failure.fotorMsg) }),
		...(failure.networkCode !== undefined && { networkCode: failure.networkCode }),
	};
	const error = new NodeApiError(node, response, {
		message: clean(message),
		description: clean(`${description}${detail ? ` (${context.operation}: ${detail})` : ''}`),
		httpCode: failure.httpStatus !== undefined ? String(failure.httpStatus) : undefined,
		itemIndex: context.itemIndex,
	});
	error.context.kind = failure.kind; // lets callers tell a refused submit (no task) from an uncertain one
	if (context.billable && outcomeUncertain(failure)) error.context.uncertain = true;
	return error;
}
