import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { resources } from '../../nodes/Fotor/actions/operationRegistry';
// Explicit .ts: plain resolution would pick the codex file FotorTrigger.node.json first.
import { FotorTrigger } from '../../nodes/FotorTrigger/FotorTrigger.node.ts';
import { faultMatrixMarkdown } from '../../test/integration/reliability/faultMatrix';

/** README sections generated from the node descriptions, so the docs cannot drift from the code. */
export const SECTIONS = {
	operations: () => operationsReference(),
	'trigger-fields': () => fieldsTable(new FotorTrigger().description.properties),
	faults: () => faultMatrixMarkdown(),
} as const;

const cell = (text: unknown) => String(text ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ').replace(/<\/?b>/g, '**');

function formatDefault(field: INodeProperties): string {
	const value = field.default;
	if (value === '' || value === undefined) return '';
	if (typeof value === 'object' && value !== null) return Object.keys(value).length ? `\`${JSON.stringify(value)}\`` : '';
	return `\`${String(value)}\``;
}

function choices(field: INodeProperties): string {
	if (field.type === 'options' || field.type === 'multiOptions') {
		return (field.options as INodePropertyOptions[]).map((option) => `${option.name} (\`${String(option.value)}\`)`).join(', ');
	}
	const { minValue, maxValue } = (field.typeOptions ?? {}) as { minValue?: number; maxValue?: number };
	if (minValue !== undefined && maxValue !== undefined) return `${minValue} – ${maxValue}`;
	if (minValue !== undefined) return `≥ ${minValue}`;
	return maxValue !== undefined ? `≤ ${maxValue}` : '';
}

/**
 * Fields flattened for a table: collections and fixed collections list their sub-fields under
 * them. Each field keeps its siblings, which its "(if …)" conditions refer to.
 */
function flatten(fields: INodeProperties[], prefix = ''): Array<{ label: string; field: INodeProperties; siblings: INodeProperties[] }> {
	return fields.flatMap((field) => {
		if (field.type === 'notice') return [];
		const label = `${prefix}${field.displayName}`;
		if (field.type === 'collection') return flatten(field.options as INodeProperties[], `${label} → `);
		if (field.type === 'fixedCollection') {
			return (field.options as INodePropertyCollection[]).flatMap((group) => flatten(group.values, `${label} → `));
		}
		return [{ label, field, siblings: fields }];
	});
}

/** "if Image Source is URL" for a field that only shows for some choices of another field (nearest siblings first). */
function shownWhen(field: INodeProperties, siblings: INodeProperties[]): string {
	const conditions = Object.entries(field.displayOptions?.show ?? {})
		.filter(([name]) => name !== 'resource' && name !== 'operation')
		.map(([name, values]) => {
			const controller = siblings.find((sibling) => sibling.name === name);
			const options = (controller?.options ?? []) as INodePropertyOptions[];
			const names = (values ?? []).map((value) => options.find((option) => option.value === value)?.name ?? String(value));
			return `${controller?.displayName ?? name} is ${names.join(' or ')}`;
		});
	return conditions.length ? ` (if ${conditions.join(' and ')})` : '';
}

export function fieldsTable(fields: INodeProperties[]): string {
	const rows = flatten(fields).map(
		({ label, field, siblings }) =>
			`| ${cell(label)}${field.required ? ' *' : ''}${cell(shownWhen(field, [...siblings, ...fields]))} | \`${field.name}\` | ${field.type} | ${cell(formatDefault(field))} | ${cell(choices(field))} | ${cell(field.description ?? field.hint)} |`,
	);
	return ['| Field | Parameter | Type | Default | Options / range | Description |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

export function operationsReference(): string {
	const summary = [
		'| Resource | Operation | Value | Fotor endpoint | What it does |',
		'|---|---|---|---|---|',
		...resources.flatMap((resource) =>
			[...resource.operations]
				.sort((a, b) => a.name.localeCompare(b.name))
				.map((op) => `| ${resource.name} | ${cell(op.name)} | \`${resource.value}.${op.value}\` | \`${op.endpoint}\` | ${cell(op.description)} |`),
		),
	].join('\n');
	const details = resources.flatMap((resource) =>
		[...resource.operations]
			.sort((a, b) => a.name.localeCompare(b.name))
			.map((op) => {
				const fields = op.properties.length ? fieldsTable(op.properties) : '_No fields._';
				return `#### ${resource.name} → ${op.name}\n\n${op.description}. Calls \`${op.endpoint}\`.\n\n${fields}`;
			}),
	);
	const legend = 'In the field tables, * marks a required field and (if …) a field used only for that choice; the node checks it, for every item that uses it, before anything is sent to Fotor.';
	return [summary, legend, ...details].join('\n\n');
}

/** Replaces every generated section of a README text; returns the new text. */
export function renderReadme(readme: string): string {
	let text = readme;
	for (const [name, build] of Object.entries(SECTIONS)) {
		const start = `<!-- ${name}:start -->`;
		const end = `<!-- ${name}:end -->`;
		const from = text.indexOf(start);
		const to = text.indexOf(end);
		if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} section`);
		text = `${text.slice(0, from + start.length)}\n<!-- generated by \`npm run docs\`; do not edit by hand -->\n\n${build()}\n\n${text.slice(to)}`;
	}
	return text;
}
