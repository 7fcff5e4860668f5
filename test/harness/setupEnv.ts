/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
// Jest setup file: n8n-core reads its settings folder when first imported, so it must point
// at a throw-away folder before any test file imports n8n-core.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'fotor-n8n-'));
process.env.N8N_LOG_LEVEL ??= 'silent';
