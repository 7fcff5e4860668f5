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
	// The whole suite in one process (CI has 2 cores, so jest runs in band) leaves one handle
	// open that no single file reproduces and --detectOpenHandles does not name; every server,
	// socket and child process of the tests is closed explicitly. Exit rather than hang CI.
	forceExit: true,
};
