/** Unit, integration (n8n-core) and simulator tests. End-to-end tests on a real n8n run with `npm run test:e2e`. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	setupFiles: ['<rootDir>/test/harness/setupEnv.ts'],
	testTimeout: 30000,
	// Fails the run, naming what is left, if a test leaves a server, connection or child process
	// open (instead of jest hanging CI until its time limit).
	globalTeardown: '<rootDir>/test/harness/openHandles.ts',
};
