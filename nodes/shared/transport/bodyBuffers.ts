import { waitToBeWoken } from '../client/wakeUp';

/** Buffers are allocated in whole MiB, so bodies of similar size reuse each other's. */
const GRAIN_BYTES = 1024 * 1024;
/**
 * Most bytes of request bodies with inline images in this process at once (about four 20 MB
 * images); a larger body waits for room, but one body is always allowed, whatever its size.
 */
export const MAX_BODY_BYTES = 128 * 1024 * 1024;

/**
 * The buffers request bodies with inline images are built in, for the whole process. A 20 MB
 * image makes a 27 MB body, and V8 frees a dead buffer only at its next full garbage collection:
 * forty executions sending one each left over a gigabyte behind within seconds, and a slow
 * upload holds its body for as long as it takes. So bodies share a byte budget (MAX_BODY_BYTES;
 * the rest wait their turn, like uploads on one link would anyway) and their buffers are reused.
 * Buffers are kept only while some account still has tasks here, and let go by `trim` otherwise.
 */
export class BodyBufferPool {
	private kept: Buffer[] = [];
	private lentBytes = 0;
	private lent = 0;
	private readonly waiting = new Set<() => void>();

	/** A buffer of exactly `size` bytes (contents undefined) until `give` is called. */
	async take(size: number, signal?: AbortSignal): Promise<{ bytes: Buffer; give: () => void }> {
		while (this.lent > 0 && this.lentBytes + size > MAX_BODY_BYTES) await waitToBeWoken(this.waiting, signal);
		const fit = this.smallestFitting(size);
		const backing = fit >= 0 ? this.kept.splice(fit, 1)[0] : Buffer.allocUnsafeSlow(Math.ceil(Math.max(1, size) / GRAIN_BYTES) * GRAIN_BYTES);
		this.lent++;
		this.lentBytes += backing.length;
		let given = false;
		return {
			bytes: backing.subarray(0, size),
			give: () => {
				if (given) return;
				given = true;
				this.lent--;
				this.lentBytes -= backing.length;
				if (this.keptBytes + this.lentBytes + backing.length <= MAX_BODY_BYTES) this.kept.push(backing);
				for (const wake of [...this.waiting]) wake();
			},
		};
	}

	/** Called when a node run ends: with nothing lent and no tasks left (`busy` false), keeps nothing. */
	trim(busy: boolean): void {
		if (!busy && this.lent === 0 && this.waiting.size === 0) this.kept = [];
	}

	/** For tests: bytes kept for reuse now. */
	get keptBytes(): number {
		return this.kept.reduce((sum, buffer) => sum + buffer.length, 0);
	}

	/** For tests: bytes lent now. */
	get bytesInUse(): number {
		return this.lentBytes;
	}

	private smallestFitting(size: number): number {
		let best = -1;
		for (let index = 0; index < this.kept.length; index++) {
			if (this.kept[index].length >= size && (best < 0 || this.kept[index].length < this.kept[best].length)) best = index;
		}
		return best;
	}
}

/** One pool per process: memory is the process's, whichever account a body is for. */
export const bodyBuffers = new BodyBufferPool();
