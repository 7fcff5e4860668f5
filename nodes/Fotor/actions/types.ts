import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FotorClient } from '../../shared/client/FotorClient';

/**
 * One Fotor operation: its dropdown entry, its own fields and what it does for one item, in two
 * steps. `prepare` reads and checks the item's fields and makes no call to Fotor: the router runs
 * it for every item before any submit. `execute` does the work at Fotor through the run's client.
 * The resource it belongs to adds the displayOptions, so fields here list only their own conditions.
 */
export interface FotorOperation<Input = unknown> {
	value: string;
	name: string;
	action: string;
	description: string;
	/** The Fotor call behind it, for the README, e.g. "POST /v1/aiart/imgupscale". */
	endpoint: string;
	properties: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number, client: FotorClient): Promise<Input>;
	execute(this: IExecuteFunctions, input: Input, itemIndex: number, client: FotorClient): Promise<INodeExecutionData[]>;
}

export interface FotorResource {
	value: string;
	name: string;
	operations: FotorOperation[];
}
