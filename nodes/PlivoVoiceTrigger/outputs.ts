/**
 * "Output per Event": each selected event leaves the trigger by an output of its own (Answer,
 * Input Received, Hangup…), so a workflow needs no Switch on `event`. The outputs are computed
 * from the node's parameters with an expression, as n8n's Webhook and Switch nodes do; n8n
 * evaluates it as text, so the function it calls holds everything it needs.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { ANY_EVENT, eventOptions } from './events';

/** Every event the trigger recognises, as [value, output name], in the order of the Events list. */
const KNOWN_EVENTS: Array<[string, string]> = [
	...eventOptions
		.filter((option) => option.value !== ANY_EVENT)
		.map((option): [string, string] => [String(option.value), option.name]),
	// Any Event also starts the workflow for callbacks the trigger does not recognise.
	['other', 'Other'],
];

/**
 * The events that have an output, in order: none unless Output per Event is on; with Any Event,
 * every event (Other included). Self-contained: it is sent to n8n's expressions as text.
 */
const eventsWithOutput = (
	parameters: { events?: unknown; outputPerEvent?: unknown },
	known: Array<[string, string]>,
): Array<[string, string]> => {
	if (parameters.outputPerEvent !== true) return [];
	const selected = Array.isArray(parameters.events) ? parameters.events : [];
	const any = selected.includes('*');
	return known.filter((entry) => any || (entry[0] !== 'other' && selected.includes(entry[0])));
};

/** The node's `outputs`: one main output, or one per selected event, named after it. */
export const TRIGGER_OUTPUTS: `={{${string}}}` = `={{((events) => events.length === 0 ? ["main"] : events.map((entry) => ({ type: "main", displayName: entry[1] })))((${eventsWithOutput.toString()})($parameter, ${JSON.stringify(KNOWN_EVENTS)}))}}`;

/** The workflow's data for an event: on the event's own output, or on the one output. */
export function outputFor(
	parameters: { events?: unknown; outputPerEvent?: unknown },
	event: string,
	items: INodeExecutionData[],
): INodeExecutionData[][] {
	const events = eventsWithOutput(parameters, KNOWN_EVENTS);
	if (events.length === 0) return [items];
	const index = events.findIndex((entry) => entry[0] === event);
	// Only events with an output start the workflow; should another arrive, it goes nowhere unseen.
	return events.map((_, outputIndex) => (outputIndex === index ? items : []));
}

export const outputPerEventField = {
	displayName: 'Output per Event',
	name: 'outputPerEvent',
	type: 'boolean' as const,
	default: false,
	description:
		'Whether each selected event leaves by an output of its own (Answer, Input Received, Hangup…), so that no Switch node is needed to tell them apart',
};
