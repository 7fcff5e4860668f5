import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { FotorOperation, FotorResource } from './types';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** Adds "this resource + this operation" to a field's own displayOptions. */
function scopeField(field: INodeProperties, resource: string, operation: string): INodeProperties {
	return {
		...field,
		displayOptions: {
			...field.displayOptions,
			show: { ...field.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	};
}

/** The operation dropdown of a resource, followed by every operation's fields. */
export function resourceProperties(resource: FotorResource): INodeProperties[] {
	const operations = [...resource.operations].sort(byName);
	const options: INodePropertyOptions[] = operations.map((operation) => ({
		name: operation.name,
		value: operation.value,
		action: operation.action,
		description: operation.description,
	}));
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			default: `${resource.operations[0].value}`,
			displayOptions: { show: { resource: [resource.value] } },
			options,
		},
		...operations.flatMap((operation: FotorOperation) =>
			operation.properties.map((field) => scopeField(field, resource.value, operation.value)),
		),
	];
}
