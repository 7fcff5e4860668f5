import type { IDataObject } from 'n8n-workflow';

import { invalidField } from '../../../shared/validation';
import { defineImageTask } from './imageTask';

const MAX_PER_TEMPLATE = 10;

/** POST /v1/aiart/avatar — AI Headshot: portraits in one or more templates, several images each. */
export const headshot = defineImageTask({
	value: 'headshot',
	name: 'AI Headshot',
	action: 'Create AI headshots from a photo',
	description: 'Create professional headshots from a selfie; returns every image (1 token per image)',
	endpoint: 'avatar',
	fileSuffix: 'headshot',
	tokens: (parameters) => (parameters.avatarTemplateParams as Array<{ num: number }>).reduce((sum, template) => sum + template.num, 0),
	images: [{ key: 'image', label: 'Image', bodyField: 'userImageUrl', description: 'Where the selfie comes from' }],
	properties: [
		{
			displayName: 'Templates',
			name: 'templates',
			type: 'fixedCollection',
			default: { template: [{ templateId: '', count: 1 }] },
			required: true,
			typeOptions: { multipleValues: true },
			placeholder: 'Add Template',
			description:
				"Headshot styles and how many images of each. Fotor's headshot template list is not public: get IDs from Fotor. Tokens charged = total image count.",
			options: [
				{
					displayName: 'Template',
					name: 'template',
					values: [
						{
							displayName: 'Template ID',
							name: 'templateId',
							type: 'string',
							default: '',
							required: true,
							description: 'Headshot template ID from Fotor',
						},
						{
							displayName: 'Images',
							name: 'count',
							type: 'number',
							default: 1,
							typeOptions: { minValue: 1, maxValue: MAX_PER_TEMPLATE },
							description: 'How many headshots to create with this template',
						},
					],
				},
			],
		},
	],
	readParameters(itemIndex) {
		const templates = (this.getNodeParameter('templates.template', itemIndex, []) as IDataObject[]) ?? [];
		if (!Array.isArray(templates) || templates.length === 0) {
			throw invalidField(this, itemIndex, 'Templates', 'no template is set', 'Add at least one headshot template with its ID.');
		}
		const avatarTemplateParams = templates.map((template, position) => {
			const templateId = typeof template.templateId === 'string' ? template.templateId.trim() : '';
			const count = Number(template.count ?? 1);
			if (!templateId) throw invalidField(this, itemIndex, `Templates → Template ID (#${position + 1})`, 'it is empty');
			if (!Number.isInteger(count) || count < 1 || count > MAX_PER_TEMPLATE) {
				throw invalidField(this, itemIndex, `Templates → Images (#${position + 1})`, `${String(template.count)} is out of range`, `Use a whole number from 1 to ${MAX_PER_TEMPLATE}.`);
			}
			return { templateId, num: count };
		});
		return { avatarTemplateParams };
	},
});
