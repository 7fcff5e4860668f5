import { PriceBook } from '../../../nodes/shared/spend/priceBook';

/** Prices learned per kind from Fotor's creditsIncrement: the highest seen counts, the book stays bounded. */
describe('PriceBook', () => {
	it('knows nothing until a price is learned, then the highest price seen', () => {
		const book = new PriceBook();
		expect(book.price('imagegeneration/m/1024x1024')).toBeUndefined();
		book.learn('imagegeneration/m/1024x1024', 4);
		book.learn('imagegeneration/m/1024x1024', 2);
		expect(book.price('imagegeneration/m/1024x1024')).toBe(4);
		book.learn('imagegeneration/m/1024x1024', 9);
		expect(book.price('imagegeneration/m/1024x1024')).toBe(9);
		expect(book.price('imagegeneration/m/2048x2048')).toBeUndefined();
	});

	it('learns 0 but ignores negative and non-finite charges', () => {
		const book = new PriceBook();
		book.learn('a', 0);
		expect(book.price('a')).toBe(0);
		book.learn('b', -3);
		book.learn('b', Number.NaN);
		book.learn('b', Number.POSITIVE_INFINITY);
		expect(book.price('b')).toBeUndefined();
	});

	it('holds the task out to learn a kind until that very task ends', () => {
		const book = new PriceBook();
		const first = Promise.resolve();
		const second = Promise.resolve();
		book.startLearning('k', first);
		expect(book.learningTask('k')).toBe(first);
		book.startLearning('k', second);
		book.endLearning('k', first); // an older task ending does not end the newer one's turn
		expect(book.learningTask('k')).toBe(second);
		book.endLearning('k', second);
		expect(book.learningTask('k')).toBeUndefined();
	});

	it('forgets the kind learned longest ago past 500 kinds; learning a kind again keeps it', () => {
		const book = new PriceBook();
		for (let n = 0; n < 500; n++) book.learn(`kind-${n}`, n);
		book.learn('kind-0', 0); // seen again: now the most recent
		book.learn('kind-500', 500);
		expect(book.price('kind-0')).toBe(0);
		expect(book.price('kind-1')).toBeUndefined();
		expect(book.price('kind-2')).toBe(2);
		expect(book.price('kind-500')).toBe(500);
	});
});
