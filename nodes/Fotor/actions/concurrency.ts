/**
 * Runs `worker` for indexes 0..count-1 with at most `limit` at once and returns results in
 * index order. After the first failure no new index starts; running ones finish, then the
 * failure is thrown (so no billable work is started for a run that already failed).
 */
export async function mapWithConcurrency<T>(
	count: number,
	limit: number,
	worker: (index: number) => Promise<T>,
): Promise<T[]> {
	const results = new Array<T>(count);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const lane = async () => {
		while (!failure && next < count) {
			const index = next++;
			try {
				results[index] = await worker(index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, lane));
	if (failure) throw failure.error;
	return results;
}
