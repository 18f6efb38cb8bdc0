import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import {
	ACTION_NODE_CONNECTIONS,
	operationSubtitle,
	resourceSelector,
} from '../../../lib/kit/routing';
import { conferenceDescription } from './resources/conference';
import { conferenceParticipantDescription } from './resources/conferenceParticipant';
import { ACCOUNT_BASE_URL } from './shared/hosts';
import { runRequest } from './shared/transport';

const properties: INodeProperties[] = [
	resourceSelector(
		[
			{ name: 'Conference', value: 'conference' },
			{ name: 'Conference Participant', value: 'conferenceParticipant' },
		],
		'conferenceParticipant',
	),
	...conferenceDescription,
	...conferenceParticipantDescription,
];

export class SignalWire implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SignalWire',
		name: 'signalWire',
		icon: { light: 'file:signalwire.svg', dark: 'file:signalwire.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Control SignalWire conferences and their participants: mute, hold, coach, announce, remove, end',
		defaults: {
			name: 'SignalWire',
		},
		usableAsTool: true,
		...ACTION_NODE_CONNECTIONS,
		credentials: [
			{
				name: 'signalWireApi',
				required: true,
			},
		],
		requestDefaults: {
			baseURL: ACCOUNT_BASE_URL,
			headers: {
				Accept: 'application/json',
				// SignalWire's compatibility API takes POST arguments as a form, under its
				// PascalCase names (`Muted=true`); n8n encodes the body accordingly.
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			json: true,
			// SignalWire's error body (`code`, `message`, `more_info`, `status`) is turned into the
			// node's error by `throwOnSignalWireError`, the first step of every operation's output.
			ignoreHttpStatusErrors: true,
		},
		requestOperations: {
			// Every operation sets `paginate`, so RoutingNode hands each request to this runner
			// (shared with the Plivo Voice node): retries, pairing, Continue On Fail.
			pagination: runRequest,
		},
		properties,
	};
}
