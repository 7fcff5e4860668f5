/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
import type { Server, Socket } from 'node:net';

/**
 * Jest global teardown: after the suite, nothing the tests started may still be running. A
 * leftover server or connection would keep jest alive (CI would hang until its time limit), so
 * it fails the run instead and says what was left open. jest runs in band on CI's two cores,
 * so the tests' handles live in this process.
 */
export default async function failOnOpenHandles(): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, 500)); // let closing sockets finish
	const getHandles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles;
	const leftovers = getHandles()
		.map((handle) => describe(handle))
		.filter((text): text is string => text !== undefined);
	if (leftovers.length) throw new Error(`Tests left these open:\n- ${leftovers.join('\n- ')}`);
}

function describe(handle: unknown): string | undefined {
	if (handle === process.stdout || handle === process.stderr || handle === process.stdin) return undefined;
	const name = (handle as object).constructor?.name ?? 'handle';
	if (name === 'Server') {
		const address = (handle as Server).address();
		return `a server listening on ${typeof address === 'object' && address ? `${address.address}:${address.port}` : String(address)}`;
	}
	if (name === 'Socket') {
		const socket = handle as Socket;
		// jest's own stdio pipes have no remote end.
		return socket.remotePort ? `a connection ${socket.localAddress}:${socket.localPort} → ${socket.remoteAddress}:${socket.remotePort}` : undefined;
	}
	if (name === 'ChildProcess') return 'a child process';
	return undefined; // timers end by themselves
}
