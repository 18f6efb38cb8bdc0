/**
 * The comparison filters of Plivo's lists (`end_time`, `end_time__gt`, `__gte`, `__lt`, `__lte`;
 * the same for `bill_duration`, `add_time`, `recording_storage_duration`) and the search window
 * that time filters open: at most 30 days, the last 7 days when no time filter is given.
 */
import type { Args } from './arguments.mts';
import { badRequest, integer, timestamp } from './arguments.mts';

const SUFFIXES = ['', '__gt', '__gte', '__lt', '__lte'] as const;
type Suffix = (typeof SUFFIXES)[number];

const DAY_MS = 86_400_000;

/** Every argument name of a comparison filter, for `onlyKnown`. */
export function comparisonNames(apiName: string): string[] {
	return SUFFIXES.map((suffix) => `${apiName}${suffix}`);
}

export interface Comparison {
	/** Whether any of the filter's arguments was given. */
	given: boolean;
	exact?: number;
	/** The lower and upper bounds given (`__gt`/`__gte`, `__lt`/`__lte`), if any. */
	lower?: number;
	upper?: number;
	matches(value: number): boolean;
}

function comparison(values: Record<Suffix, number | undefined>): Comparison {
	const { '': exact, __gt: gt, __gte: gte, __lt: lt, __lte: lte } = values;
	return {
		given: Object.values(values).some((value) => value !== undefined),
		exact,
		lower: gte ?? gt,
		upper: lte ?? lt,
		matches: (value) =>
			(exact === undefined || value === exact) &&
			(gt === undefined || value > gt) &&
			(gte === undefined || value >= gte) &&
			(lt === undefined || value < lt) &&
			(lte === undefined || value <= lte),
	};
}

function parsed(apiName: string, parse: (name: string) => number | undefined): Comparison {
	return comparison(
		Object.fromEntries(SUFFIXES.map((suffix) => [suffix, parse(`${apiName}${suffix}`)])) as Record<
			Suffix,
			number | undefined
		>,
	);
}

/** Integer filters (`bill_duration__gt=40`). */
export function integerComparison(args: Args, apiName: string, min = 0): Comparison {
	return parsed(apiName, (name) => integer(args, name, min));
}

/** Time filters (`end_time__gte=2026-01-01 00:00`), compared in epoch milliseconds. */
export function timeComparison(args: Args, apiName: string): Comparison {
	return parsed(apiName, (name) => timestamp(args, name)?.getTime());
}

/**
 * Which times a time-filtered list covers. A range of more than `maxDays` is refused with 400;
 * with no time filter at all the list covers the last `defaultDays`; a lone upper bound opens a
 * window of `maxDays` before it.
 */
export function timeWindow(
	time: Comparison,
	apiName: string,
	now: Date,
	{ defaultDays = 7, maxDays = 30, applyDefault = true } = {},
): (value: number) => boolean {
	const { lower, upper } = time;
	if (lower !== undefined && upper !== undefined && upper - lower > maxDays * DAY_MS) {
		throw badRequest(`the ${apiName} range cannot be more than ${maxDays} days`);
	}
	const from =
		lower ??
		(upper !== undefined
			? upper - maxDays * DAY_MS
			: time.given || !applyDefault
				? undefined
				: now.getTime() - defaultDays * DAY_MS);
	return (value) =>
		time.matches(value) && (from === undefined || time.exact !== undefined || value >= from);
}
