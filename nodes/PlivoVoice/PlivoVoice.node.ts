import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import {
	ACTION_NODE_CONNECTIONS,
	operationSubtitle,
	resourceSelector,
} from '../../lib/kit/routing';
import { PLIVO_VOICE_DESCRIPTION } from '../../lib/plivo/panelDescription';
import { audioStreamDescription, audioStreamListSearch } from './resources/audioStream';
import { callDescription } from './resources/call';
import { conferenceDescription, conferenceListSearch } from './resources/conference';
import { conferenceMemberDescription } from './resources/conferenceMember';
import { endpointDescription, endpointListSearch } from './resources/endpoint';
import { mpcParticipantDescription } from './resources/mpcParticipant';
import { multipartyCallDescription, multipartyCallListSearch } from './resources/multipartyCall';
import { recordingDescription, recordingListSearch } from './resources/recording';
import {
	verifiedCallerIdDescription,
	verifiedCallerIdListSearch,
} from './resources/verifiedCallerId';
import { ACCOUNT_HOST } from '../../lib/plivo/hosts';
import { runRequest } from '../../lib/plivo/transport';

const properties: INodeProperties[] = [
	resourceSelector(
		[
			{ name: 'Audio Stream', value: 'audioStream' },
			{ name: 'Call', value: 'call' },
			{ name: 'Conference', value: 'conference' },
			{ name: 'Conference Member', value: 'conferenceMember' },
			{ name: 'MPC Participant', value: 'mpcParticipant' },
			{ name: 'Multiparty Call', value: 'multipartyCall' },
			{ name: 'Recording', value: 'recording' },
			{ name: 'SIP Endpoint', value: 'endpoint' },
			{ name: 'Verified Caller ID', value: 'verifiedCallerId' },
		],
		'call',
	),
	...audioStreamDescription,
	...callDescription,
	...conferenceDescription,
	...conferenceMemberDescription,
	...mpcParticipantDescription,
	...multipartyCallDescription,
	...recordingDescription,
	...endpointDescription,
	...verifiedCallerIdDescription,
	{
		// The request runner keeps this promise (transport.ts, `SentRequest`).
		displayName:
			'Retry On Fail (in Settings) never places a call twice: a request Plivo may already have acted on, such as a call whose answer got lost, is not sent again. Check the call logs instead.',
		name: 'retryOnFailNotice',
		type: 'notice',
		default: '',
	},
];

export class PlivoVoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Plivo Voice',
		name: 'plivoVoice',
		icon: { light: 'file:plivo.svg', dark: 'file:plivo.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description: PLIVO_VOICE_DESCRIPTION,
		defaults: {
			name: 'Plivo Voice',
		},
		usableAsTool: true,
		...ACTION_NODE_CONNECTIONS,
		credentials: [
			{
				name: 'plivoVoiceApi',
				required: true,
			},
		],
		requestDefaults: {
			// Plivo's API; each request goes to the account the credential names, on the credential's
			// base URL (see useHost).
			baseURL: ACCOUNT_HOST.baseUrl,
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
		properties,
	};

	methods = {
		listSearch: {
			...audioStreamListSearch,
			...conferenceListSearch,
			...endpointListSearch,
			...multipartyCallListSearch,
			...recordingListSearch,
			...verifiedCallerIdListSearch,
		},
	};
}
