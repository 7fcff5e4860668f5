import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { resourceProperties } from './actions/nodeProperties';
import { resources } from './actions/operationRegistry';
import { router } from './actions/router';

export class Fotor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fotor',
		name: 'fotor',
		icon: { light: 'file:../../icons/fotor.svg', dark: 'file:../../icons/fotor.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["resource"] + ": " + $parameter["operation"] }}',
		description:
			'AI images and video from Fotor: generate images with GPT Image, Gemini, Seedream, Flux and more, make videos, upscale, remove backgrounds, retouch, colorize and restore photos, swap faces and create AI headshots',
		defaults: { name: 'Fotor' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'fotorApi', required: true}],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'image',
				options: resources.map((resource) => ({ name: resource.name, value: resource.value })),
			},
			...resources.flatMap(resourceProperties),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
