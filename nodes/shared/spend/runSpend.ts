import type { FotorTask, FotorTaskState } from '../task/fotorTask';
import type { AccountBalance } from './accountBalance';
import type { PriceBook } from './priceBook';
import type { TaskCost } from './taskCost';

/** Max Tokens per Run (node option) and Minimum Balance (credential); 0 turns either off. */
export interface SpendLimits {
	maxTokens: number;
	minimumBalance: number;
}

/** Why an item was not sent; the client turns it into the item's error. */
export class SpendRefusal extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}

/** What a run spent, for the execution hint. */
export interface SpendReport {
	tasks: number;
	charged: number;
	/** Tasks whose charge Fotor had not reported when the run ended (counted at their estimate). */
	unreported: number;
	balanceLeft?: number;
}

/** Ends at Fotor that charge nothing (Fotor: failed requests are not charged). */
const NOT_CHARGED = new Set<FotorTaskState>(['failed', 'timedOut', 'cancelled']);

const tokens = (n: number) => `${n} token${n === 1 ? '' : 's'}`;

/**
 * The spend of one node run: what Fotor charged for its tasks, what tasks in flight have reserved,
 * and the checks before each submit against Max Tokens per Run and the account's Minimum Balance.
 * With either limit set, a task whose price is not known yet runs alone among the tasks of its kind
 * (of every execution of the account in this process, see PriceBook): it teaches the price, so the
 * run can pass a limit by at most one task per such kind.
 */
export class RunSpend {
	private charged = 0;
	private reserved = 0;
	private tasks = 0;
	private unreported = 0;
	private balanceChecked = false;
	/** Kinds whose learning task ended without a price: another one could pass the limit unseen. */
	private readonly unpriced = new Set<string>();

	constructor(
		private readonly limits: SpendLimits,
		private readonly prices: PriceBook,
		private readonly balance: AccountBalance,
		private readonly fetchRemaining: () => Promise<number>,
	) {}

	get limited(): boolean {
		return this.limits.maxTokens > 0 || this.limits.minimumBalance > 0;
	}

	/**
	 * Reserves the expected cost of one task before it is sent, waiting while the first task of an
	 * unpriced kind runs. Throws SpendRefusal when the task would pass a limit.
	 */
	async reserve(cost: TaskCost, waitForTurn: (turn: Promise<void>) => Promise<void>): Promise<SpendReservation> {
		for (;;) {
			if (this.limits.minimumBalance > 0) {
				await this.balance.available(this.fetchRemaining);
				this.balanceChecked = true;
			}
			// No await from here to the reservation: prices, the learning task and the limits may all
			// change while the balance is fetched or a turn is awaited, so they are read only now.
			const estimate = cost.tokens ?? this.prices.price(cost.kind);
			if (!this.limited) return this.take(cost, estimate, false);
			if (estimate === undefined) {
				const first = this.prices.learningTask(cost.kind);
				if (first) {
					await waitForTurn(first);
					continue;
				}
				if (this.unpriced.has(cost.kind)) {
					throw new SpendRefusal(
						'its price is unknown',
						`Fotor has not reported what a task of this kind costs (${cost.kind}): the first one of this run ended before Fotor said. Sending more could pass the limit unseen. Run this item again later, or clear "Max Tokens per Run" and the credential's "Minimum Balance".`,
					);
				}
			}
			this.check(estimate);
			return this.take(cost, estimate, estimate === undefined);
		}
	}

	report(): SpendReport {
		return {
			tasks: this.tasks,
			charged: this.charged,
			unreported: this.unreported,
			...(this.balanceChecked && this.balance.lastKnown !== undefined && { balanceLeft: this.balance.lastKnown }),
		};
	}

	/**
	 * @internal Ends a reservation (SpendReservation.end). A completed task is charged its
	 * `creditsIncrement`, which also teaches the price of `priceKind` (e.g. the fallback model's);
	 * a failed, timed-out or cancelled one nothing; a task whose end is unknown counts at its estimate.
	 */
	settle(reservation: SpendReservation, sent: boolean, task: FotorTask | undefined, priceKind: string): void {
		const estimate = reservation.estimate ?? 0;
		let charged = 0;
		let reported = true;
		if (sent) {
			this.tasks++;
			if (task?.status === 'completed' && task.creditsIncrement !== undefined) {
				charged = task.creditsIncrement;
				this.prices.learn(priceKind, charged);
			} else if (!task || !NOT_CHARGED.has(task.status)) {
				charged = estimate;
				reported = false;
				this.unreported++;
			}
		}
		this.reserved = Math.max(0, this.reserved - estimate);
		this.balance.settle(estimate, charged);
		this.charged += charged;
		if (reservation.learning) {
			if (!reported) this.unpriced.add(reservation.cost.kind);
			this.prices.endLearning(reservation.cost.kind, reservation.learned);
		}
	}

	private check(estimate: number | undefined): void {
		const { maxTokens, minimumBalance } = this.limits;
		const what =
			estimate === undefined
				? 'its price is not known yet (the first task of its kind teaches it)'
				: `it is estimated at ${tokens(estimate)}`;
		if (maxTokens > 0) {
			const committed = this.charged + this.reserved;
			const over = estimate === undefined ? committed >= maxTokens : committed + estimate > maxTokens;
			if (over) {
				throw new SpendRefusal(
					`Max Tokens per Run (${maxTokens}) would be passed`,
					`This run has been charged ${tokens(this.charged)} and has ${tokens(this.reserved)} reserved for tasks in flight; ${what}. Raise "Max Tokens per Run" in the options, or run the rest of the items later.`,
				);
			}
		}
		if (minimumBalance > 0) {
			const left = this.balance.lastKnown ?? 0;
			const over = estimate === undefined ? left <= minimumBalance : left - estimate < minimumBalance;
			if (over) {
				throw new SpendRefusal(
					`the account's balance would fall below the Minimum Balance (${minimumBalance})`,
					`About ${tokens(left)} are left for new tasks (Fotor's balance, minus what tasks of this n8n process were charged since and have reserved); ${what}. Recharge (Account → Get Recharge Links) or lower "Minimum Balance" in the Fotor API credential.`,
				);
			}
		}
	}

	private take(cost: TaskCost, estimate: number | undefined, learning: boolean): SpendReservation {
		this.reserved += estimate ?? 0;
		this.balance.reserve(estimate ?? 0);
		const reservation = new SpendReservation(this, cost, estimate, learning);
		if (learning) this.prices.startLearning(cost.kind, reservation.learned);
		return reservation;
	}
}

/** One task's reservation: ended exactly once, with the task's final state when known. */
export class SpendReservation {
	readonly learned: Promise<void>;
	private sent = false;
	private ended = false;
	private resolveLearned: () => void = () => undefined;

	constructor(
		private readonly run: RunSpend,
		readonly cost: TaskCost,
		readonly estimate: number | undefined,
		/** The first task of a kind whose price is unknown: it must be followed to its end to learn it. */
		readonly learning: boolean,
	) {
		this.learned = new Promise((resolve) => (this.resolveLearned = resolve));
	}

	/** Fotor accepted the submit, or may have (an uncertain submit counts as sent). */
	markSent(): void {
		this.sent = true;
	}

	/** The run is done with the task; `task` is its final state when known. */
	end(task?: FotorTask, priceKind = this.cost.kind): void {
		if (this.ended) return;
		this.ended = true;
		this.run.settle(this, this.sent, task, priceKind);
		this.resolveLearned();
	}
}
