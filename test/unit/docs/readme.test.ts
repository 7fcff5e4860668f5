/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { resources } from '../../../nodes/Fotor/actions/operationRegistry';
import { operationsReference, renderReadme } from '../../../scripts/docs/referenceTables';

const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');

describe('README reference tables', () => {
	it('list every operation with its value and endpoint', () => {
		const table = operationsReference();
		for (const resource of resources) {
			for (const operation of resource.operations) {
				expect(table).toContain(`\`${resource.value}.${operation.value}\``);
				expect(table).toContain(`#### ${resource.name} → ${operation.name}`);
				for (const field of operation.properties) {
					if (!['collection', 'fixedCollection', 'notice'].includes(field.type)) expect(table).toContain(`\`${field.name}\``);
				}
			}
		}
	});

	it('are up to date in README.md (run `npm run docs` after changing a node description)', () => {
		expect(renderReadme(readme)).toBe(readme);
	});
});
