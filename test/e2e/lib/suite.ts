/* eslint-disable no-console */
/** A tiny test runner for the end-to-end suite: named checks, a summary line the CI reads. */
export class Suite {
	passed = 0;
	failed = 0;
	skipped = 0;
	private readonly failures: string[] = [];

	async check(name: string, body: () => Promise<void>): Promise<void> {
		const started = Date.now();
		try {
			await body();
			this.passed++;
			console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
		} catch (error) {
			this.failed++;
			const message = error instanceof Error ? error.message : String(error);
			this.failures.push(`${name}: ${message}`);
			console.log(`  ✕ ${name}\n      ${message.split('\n').join('\n      ')}`);
		}
	}

	skip(name: string, reason: string): void {
		this.skipped++;
		console.log(`  - ${name} (skipped: ${reason})`);
	}

	summary(): string {
		return `${this.passed} passed, ${this.failed} failed${this.skipped ? `, ${this.skipped} skipped` : ''}`;
	}
}

export function expect(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}
