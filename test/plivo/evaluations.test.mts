/**
 * What a bulk run costs n8n: nearly all of it is expression evaluation, a fixed cost of some tenths
 * of a millisecond each. Counted here through n8n-core's RoutingNode (the 2.x one the tests run),
 * for the expressions the user wrote, per item:
 * - n8n evaluates the value of every top-level field the node declares with that name, shown or
 *   not, once to build the request and again to check the base URL (2.x, resolveBaseUrl); and a
 *   field that is sent once more, where it is read to be sent;
 * - the node adds no expression of its own (its base URL comes from the credential, read once
 *   per run), and reads a value again only to put it into the URL path, through the checked
 *   segment builder.
 * How long that takes is measured by the benchmark (`npm run bench`), not here.
 */
import { Expression } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useSandbox } from '../harness/useSandbox.mts';
import { itemsOf } from '../harness/common.mts';
import { MAKE_CALL, plivoVoiceNode, runPlivoVoice } from '../harness/plivo.mts';
import type { PlivoVoiceVersion } from '../../nodes/PlivoVoice/versions.js';
import { PlivoSandbox } from '../sandbox/plivo/index.mts';

let sandbox: PlivoSandbox;
useSandbox(PlivoSandbox.start, (started) => (sandbox = started));

const ITEMS = 4;
let evaluated: string[];

beforeEach(() => {
	evaluated = [];
	const original = Expression.prototype.resolveSimpleParameterValue;
	vi.spyOn(Expression.prototype, 'resolveSimpleParameterValue').mockImplementation(function (
		this: Expression,
		...args: Parameters<Expression['resolveSimpleParameterValue']>
	) {
		const [value] = args;
		if (typeof value === 'string' && value.startsWith('=')) evaluated.push(value);
		return original.apply(this, args);
	});
});
afterEach(() => {
	vi.restoreAllMocks();
});

/** How many times each expression was evaluated, per item. */
function perItem(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const expression of evaluated) counts[expression] = (counts[expression] ?? 0) + 1 / ITEMS;
	return counts;
}

/** The credential's Basic auth, as for every request with it (n8n's HTTP Request node's too). */
const BASIC_AUTH = { '={{$credentials.authId}}': 1, '={{$credentials.authToken}}': 1 };

/** How many top-level fields the node (in its latest version, unless told) declares under this name. */
function declarations(name: string, version?: PlivoVoiceVersion): number {
	return plivoVoiceNode(version).description.properties.filter((property) => property.name === name)
		.length;
}

describe('expressions evaluated per item', () => {
	it('Get CDR: the Call UUID, twice per declaration, and once for the path', async () => {
		const cdrs = Array.from({ length: ITEMS }, () => sandbox.state.calls.addCompleted({}));
		const output = await runPlivoVoice(
			sandbox,
			{ resource: 'call', operation: 'get', callUuid: '={{ $json.call_uuid }}' },
			{ items: itemsOf(ITEMS, (index) => ({ call_uuid: cdrs[index].call_uuid })) },
		);
		expect(output.map((item) => item.json.call_uuid)).toEqual(cdrs.map((cdr) => cdr.call_uuid));
		// Call's, alone: Audio Stream and MPC Participant name their Call UUID for themselves.
		expect(declarations('callUuid')).toBe(1);
		expect(perItem()).toEqual({ '={{ $json.call_uuid }}': 2 * 1 + 1, ...BASIC_AUTH });
	});

	it('Get CDR in version 1 of the node: once more per resource with a Call UUID', async () => {
		const cdrs = Array.from({ length: ITEMS }, () => sandbox.state.calls.addCompleted({}));
		const output = await runPlivoVoice(
			sandbox,
			{ resource: 'call', operation: 'get', callUuid: '={{ $json.call_uuid }}' },
			{ items: itemsOf(ITEMS, (index) => ({ call_uuid: cdrs[index].call_uuid })), version: 1 },
		);
		expect(output.map((item) => item.json.call_uuid)).toEqual(cdrs.map((cdr) => cdr.call_uuid));
		expect(declarations('callUuid', 1)).toBe(3);
		expect(perItem()).toEqual({ '={{ $json.call_uuid }}': 2 * 3 + 1, ...BASIC_AUTH });
	});

	it('Make Call: the number, twice per declaration, and where it is sent', async () => {
		const output = await runPlivoVoice(
			sandbox,
			{ ...MAKE_CALL, to: '={{ $json.to }}', additionalFields: {} },
			{ items: itemsOf(ITEMS, (index) => ({ to: `1415555020${index}` })) },
		);
		expect(output).toHaveLength(ITEMS);
		// Beyond 2 calls a second, Plivo (and the sandbox) queues them.
		for (const item of output) expect(item.json.message).toMatch(/^call (fired|queued)$/);
		// Make's alone (MPC Participant › Add names its own To); version 1 declared two.
		expect(declarations('to')).toBe(1);
		expect(declarations('to', 1)).toBe(2);
		// Sent: read to build the request, and again by the base-URL pass (2.x).
		expect(perItem()).toEqual({ '={{ $json.to }}': 2 * 1 + 2, ...BASIC_AUTH });
	});

	it('Make Call: a field in Additional Fields, twice per declaration of the collection, and where it is sent', async () => {
		const output = await runPlivoVoice(
			sandbox,
			{ ...MAKE_CALL, additionalFields: { callerName: '={{ $json.name }}' } },
			{ items: itemsOf(ITEMS, (index) => ({ name: `Caller ${index}` })) },
		);
		expect(output).toHaveLength(ITEMS);
		expect(
			sandbox.requests.map(({ body }) => (body as { caller_name?: string }).caller_name),
		).toEqual(Array.from({ length: ITEMS }, (_, index) => `Caller ${index}`));
		// One Additional Fields per resource (Call › Start Recording keeps its own: its Time Limit
		// has another default than Make's), where there was one per operation (18, 38 evaluations).
		expect(declarations('additionalFields')).toBe(9);
		expect(perItem()).toEqual({ '={{ $json.name }}': 2 * 9 + 2, ...BASIC_AUTH });
	});
});
