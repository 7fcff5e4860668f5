/** Writes an H.264 RBSP bit by bit: fixed-width fields and Exp-Golomb codes (ITU-T H.264 §7.2, §9.1). */
export class BitWriter {
	private readonly bytes: number[] = [];
	private current = 0;
	private filled = 0;

	/** `value` as `count` bits, most significant first (count ≤ 32). */
	bits(value: number, count: number): this {
		for (let i = count - 1; i >= 0; i--) {
			this.current = (this.current << 1) | ((value >>> i) & 1);
			if (++this.filled === 8) {
				this.bytes.push(this.current);
				this.current = 0;
				this.filled = 0;
			}
		}
		return this;
	}

	flag(on: boolean): this {
		return this.bits(on ? 1 : 0, 1);
	}

	/** ue(v): unsigned Exp-Golomb. */
	ue(value: number): this {
		const coded = value + 1;
		const length = 32 - Math.clz32(coded);
		return this.bits(0, length - 1).bits(coded, length);
	}

	/** se(v): signed Exp-Golomb. */
	se(value: number): this {
		return this.ue(value <= 0 ? -2 * value : 2 * value - 1);
	}

	/** rbsp_trailing_bits(): a stop bit, then zeros up to the byte boundary. */
	trailing(): Buffer {
		this.bits(1, 1);
		while (this.filled !== 0) this.bits(0, 1);
		return Buffer.from(this.bytes);
	}
}
