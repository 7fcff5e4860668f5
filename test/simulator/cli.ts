/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
import { startSimulator, type PriceRule } from './index';

/**
 * `npm run simulator -- --port 8787 --api-key k --task-ms 1500 --image-generation-ms 3000 --video-ms 5000
 * --webhook-url URL --max-in-flight 10 --result-bytes N --video-bytes N --quiet
 * --prices '[{"endpoint":"imgupscale","tokens":3},{"model":"kling-v3","resolution":"1080p","tokens":60}]'`
 * (price rules, first match wins; see PriceRule in types.ts)
 */
function parseArgs(argv: string[]) {
	const args: Record<string, string[]> = {};
	for (let i = 0; i < argv.length; i++) {
		const name = argv[i].replace(/^--/, '');
		const value = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
		(args[name] ??= []).push(value);
	}
	return args;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const number = (name: string) => (args[name] ? Number(args[name][0]) : undefined);
	const simulator = await startSimulator({
		port: number('port') ?? 8787,
		apiKeys: args['api-key'] ?? ['sim-test-key'],
		taskDurationMs: number('task-ms') ?? 1500,
		imageGenerationDurationMs: number('image-generation-ms'),
		videoDurationMs: number('video-ms'),
		webhookUrl: args['webhook-url']?.[0] ?? '',
		maxInFlightPerKey: number('max-in-flight') ?? 0,
		resultMinBytes: number('result-bytes') ?? 0,
		videoBytes: number('video-bytes') ?? 0,
		prices: args.prices ? (JSON.parse(args.prices[0]) as PriceRule[]) : [],
		quiet: Boolean(args.quiet),
	});
	console.log(
		`Fotor simulator listening on ${simulator.url} (API key: ${simulator.options.apiKeys.join(', ')}; storage base URL: ${simulator.storageBaseUrl})`,
	);
	const stop = () => void simulator.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
