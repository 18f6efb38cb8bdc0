import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

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
import type { PlivoVoiceVersion } from './versions';
import { LATEST_PLIVO_VOICE_VERSION } from './versions';

/** The node's fields in one version: they differ only in a few saved names (see versions.ts). */
function propertiesOf(version: PlivoVoiceVersion): INodeProperties[] {
	return [
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
		...audioStreamDescription(version),
		...callDescription,
		...conferenceDescription,
		...conferenceMemberDescription,
		...mpcParticipantDescription(version),
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
}

const VERSION_2_PROPERTIES = propertiesOf(2);

/** The node as it is added now (version 2); version 1 below differs only in its fields. */
class PlivoVoiceV2 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Plivo Voice',
		name: 'plivoVoice',
		icon: { light: 'file:plivo.svg', dark: 'file:plivo.dark.svg' },
		group: ['output'],
		version: 2,
		// No `defaultVersion` here: n8n offers its Custom API Call only in the version that has it,
		// and workflows saved with version 1 may use it. The editor adds the highest version.
		// Resources and operations, hence the subtitle, are the same in every version.
		subtitle: operationSubtitle(VERSION_2_PROPERTIES),
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
		properties: VERSION_2_PROPERTIES,
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

/** The node in workflows saved before version 2: the same requests, from version 1's field names. */
class PlivoVoiceV1 extends PlivoVoiceV2 {
	constructor() {
		super();
		this.description = { ...this.description, version: 1, properties: propertiesOf(1) };
	}
}

/** n8n runs each Plivo Voice node in the version saved with it, and adds new ones in the latest. */
export class PlivoVoice extends VersionedNodeType {
	constructor() {
		const latest = new PlivoVoiceV2();
		const { displayName, name, icon, group, description } = latest.description;
		super(
			{ 1: new PlivoVoiceV1(), 2: latest },
			{ displayName, name, icon, group, description, defaultVersion: LATEST_PLIVO_VOICE_VERSION },
		);
	}
}
