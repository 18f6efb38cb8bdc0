/**
 * Offset pagination as Plivo's reference describes it: `limit` 1–20 (default 20), `offset` ≥ 0,
 * and a `meta` block whose `next`/`previous` are relative URLs or null. Most lists count with
 * `total_count`; the MPC, participant and v2 live-call lists with `count`.
 */
import type { Args } from './arguments.mts';
import { integer } from './arguments.mts';

export interface Page<T> {
	api_id: string;
	meta: Record<string, unknown>;
	objects: T[];
}

export function paginate<T>(
	items: T[],
	args: Args,
	options: {
		apiId: string;
		path: string;
		countKey?: 'total_count' | 'count';
		extraQuery?: Record<string, string>;
	},
): Page<T> {
	const limit = integer(args, 'limit', 1, 20, 20)!;
	const offset = integer(args, 'offset', 0, Number.MAX_SAFE_INTEGER, 0)!;
	const objects = items.slice(offset, offset + limit);
	const link = (at: number) => {
		const query = new URLSearchParams({
			...options.extraQuery,
			limit: String(limit),
			offset: String(at),
		});
		return `${options.path}?${query.toString()}`;
	};
	return {
		api_id: options.apiId,
		meta: {
			limit,
			offset,
			next: offset + limit < items.length ? link(offset + limit) : null,
			previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
			[options.countKey ?? 'total_count']: items.length,
		},
		objects,
	};
}
