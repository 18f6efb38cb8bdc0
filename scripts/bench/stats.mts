/** Medians and ranges of samples, and how the table writes them. */

export interface Summary {
	median: number;
	min: number;
	max: number;
	count: number;
}

/** Median (the mean of the middle two for an even count), minimum and maximum; undefined for no samples. */
export function summarise(samples: Array<number | undefined>): Summary | undefined {
	const known = samples
		.filter((sample): sample is number => sample !== undefined && Number.isFinite(sample))
		.sort((a, b) => a - b);
	if (known.length === 0) return undefined;
	const middle = Math.floor(known.length / 2);
	const median = known.length % 2 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
	return { median, min: known[0], max: known[known.length - 1], count: known.length };
}

/** Milliseconds, in the unit that reads best: `850 ms`, `4.9 s`, `0.42 ms`. */
export function formatMs(ms: number): string {
	if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
	if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
	if (ms >= 10) return `${Math.round(ms)} ms`;
	return `${ms.toFixed(ms >= 1 ? 1 : 2)} ms`;
}

/** A median with its range: `4.9 s (4.7–5.3 s)`; only the median when there is one sample. */
export function formatSummary(
	summary: Summary | undefined,
	format: (value: number) => string = formatMs,
): string {
	if (!summary) return '–';
	if (summary.count === 1 || summary.min === summary.max) return format(summary.median);
	return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}

export function formatMegabytes(bytes: number | undefined): string {
	return bytes === undefined ? '–' : `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** `a / b` as a ratio, `4.5×`. */
export function formatRatio(a: Summary | undefined, b: Summary | undefined): string {
	if (!a || !b || b.median <= 0) return '–';
	const ratio = a.median / b.median;
	// Two significant digits below 0.1: a twentyfold speed-up reads 0.05×, not 0.0×.
	return `${ratio >= 10 ? ratio.toFixed(0) : ratio >= 0.1 ? ratio.toFixed(1) : ratio.toPrecision(2)}×`;
}
