/** How long a delivery is remembered; a repeat within it starts no workflow. */
export const REPEAT_WINDOW_MS = 10 * 60 * 1000;
const MAX_REMEMBERED = 5000;

/** Deliveries seen by this process (key → when), oldest first. Module-level: one per n8n process. */
const seen = new Map<string, number>();

/**
 * True when the same task and status already reached this trigger within the window, so one task
 * never starts two executions (Fotor documents no redelivery policy; a slow acknowledgement or a
 * retry on its side could send it again). Remembers the delivery otherwise. Process-local: with
 * several webhook processors, a repeat that lands on another one is not caught.
 */
export function isRepeatDelivery(trigger: string, taskId: string, status: number | null, now = Date.now()): boolean {
	for (const [key, at] of seen) {
		if (now - at < REPEAT_WINDOW_MS && seen.size <= MAX_REMEMBERED) break;
		seen.delete(key);
	}
	const key = `${trigger}\n${taskId}\n${String(status)}`;
	const at = seen.get(key);
	if (at !== undefined && now - at < REPEAT_WINDOW_MS) return true;
	seen.delete(key);
	seen.set(key, now);
	return false;
}
