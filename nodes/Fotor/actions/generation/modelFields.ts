import type { IDisplayOptions, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { invalidField, requireText } from '../../../shared/validation';

/** Dropdown value that switches to a free-text model ID. */
export const BY_ID = 'byId';

/** The parameter of the free-text model ID (one value, whichever dropdown chose By ID). */
export const MODEL_ID_PARAMETER = 'modelId';

/** Model IDs go into the request path: letters, digits and . _ - only (no slashes, no spaces). */
const MODEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface ModelFieldSpec {
	/** The dropdown's parameter, e.g. "model" or "text2videoModel". */
	parameter: string;
	/** The models of the built-in table for this dropdown. */
	models: INodePropertyOptions[];
	default: string;
	description: string;
	/** Extra conditions for both fields (e.g. a video mode). */
	show?: IDisplayOptions['show'];
}

/** A model dropdown (the built-in models plus By ID) and the Model ID field it switches to. */
export function modelFields(spec: ModelFieldSpec): INodeProperties[] {
	const defaultModel = spec.default;
	return [
		{
			displayName: 'Model',
			name: spec.parameter,
			type: 'options',
			default: defaultModel,
			description: spec.description,
			options: [{ name: 'By ID', value: BY_ID, description: 'Enter a Fotor model ID that is not in this list' }, ...spec.models],
			...(spec.show && { displayOptions: { show: spec.show } }),
		},
		{
			// Not `required`: with the dropdown set by an expression n8n would refuse to run; the node checks it.
			displayName: 'Model ID',
			name: MODEL_ID_PARAMETER,
			type: 'string',
			default: '',
			placeholder: 'gpt-image-2',
			description: 'Fotor model ID, sent in the request path. Fotor refuses an ID it does not know; that error names it.',
			displayOptions: { show: { ...spec.show, [spec.parameter]: [BY_ID] } },
		},
	];
}

export interface ModelChoice {
	id: string;
	/** True when the ID was typed in (By ID), not picked from the built-in table. */
	byId: boolean;
}

/** A model ID typed by hand, checked so it is safe in the request path. */
export function readModelId(context: IExecuteFunctions, itemIndex: number, parameter: string, field: string): string {
	const id = requireText(context, itemIndex, parameter, field, 'Enter a Fotor model ID such as gpt-image-2.');
	if (!MODEL_ID_PATTERN.test(id)) {
		throw invalidField(
			context,
			itemIndex,
			field,
			`"${id.slice(0, 60)}" is not a model ID`,
			'Model IDs use letters, digits, dots, dashes and underscores only, e.g. gemini-3.1-flash-image-preview.',
		);
	}
	return id;
}

/**
 * The model of one item: a model of the dropdown, or the typed ID with By ID. A dropdown value
 * that is not in the list (an expression) is refused rather than guessed at.
 */
export function readModelChoice(context: IExecuteFunctions, itemIndex: number, spec: ModelFieldSpec): ModelChoice {
	const value = context.getNodeParameter(spec.parameter, itemIndex, spec.default) as unknown;
	if (value === BY_ID) return { id: readModelId(context, itemIndex, MODEL_ID_PARAMETER, 'Model ID'), byId: true };
	if (typeof value === 'string' && spec.models.some((model) => model.value === value.trim())) return { id: value.trim(), byId: false };
	throw invalidField(
		context,
		itemIndex,
		'Model',
		`"${String(value).slice(0, 60)}" is not a model in the list`,
		'Pick a model from the list, or choose By ID and enter the ID in "Model ID".',
	);
}
