import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { callDescription } from './resources/call';
import { conferenceDescription, conferenceListSearch } from './resources/conference';
import { conferenceMemberDescription } from './resources/conferenceMember';
import { recordingDescription, recordingListSearch } from './resources/recording';
import { ACCOUNT_BASE_URL } from './shared/hosts';
import { runRequest } from './shared/transport';

export class PlivoVoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Plivo Voice',
		name: 'plivoVoice',
		icon: 'file:plivo.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Place and control phone calls with Plivo’s Voice API',
		defaults: {
			name: 'Plivo Voice',
		},
		usableAsTool: true,
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{
				name: 'plivoVoiceApi',
				required: true,
			},
		],
		requestDefaults: {
			baseURL: ACCOUNT_BASE_URL,
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
			},
			json: true,
			// Plivo's error body (`error`, `api_id`) is turned into the node's error by
			// `throwOnPlivoError`, the first step of every operation's output.
			ignoreHttpStatusErrors: true,
		},
		requestOperations: {
			// Every operation sets `paginate`, so RoutingNode hands each request to this runner:
			// it retries what may be retried and pairs every output item with its input item.
			pagination: runRequest,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Call',
						value: 'call',
					},
					{
						name: 'Conference',
						value: 'conference',
					},
					{
						name: 'Conference Member',
						value: 'conferenceMember',
					},
					{
						name: 'Recording',
						value: 'recording',
					},
				],
				default: 'call',
			},
			...callDescription,
			...conferenceDescription,
			...conferenceMemberDescription,
			...recordingDescription,
		],
	};

	methods = {
		listSearch: {
			...conferenceListSearch,
			...recordingListSearch,
		},
	};
}
