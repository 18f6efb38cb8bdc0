import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { ACCOUNT_BASE_URL } from '../nodes/SignalWire/shared/hosts';

export class SignalWireApi implements ICredentialType {
	name = 'signalWireApi';

	displayName = 'SignalWire API';

	icon = {
		light: 'file:../nodes/SignalWire/signalwire.svg',
		dark: 'file:../nodes/SignalWire/signalwire.dark.svg',
	} as const;

	documentationUrl = 'https://developer.signalwire.com/compatibility-api/rest/';

	properties: INodeProperties[] = [
		{
			displayName: 'Space URL',
			name: 'spaceUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. example.signalwire.com',
			description:
				'The Space URL shown on the API page of your SignalWire space. To use the local SignalWire sandbox shipped with this package, enter its full address instead, for example http://127.0.0.1:8089.',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. b3877c40-da60-4998-90ad-b792e98472af',
			description: 'The Project ID shown on the API page of your SignalWire space',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'An API token of the project, with the Voice scope',
		},
	];

	// SignalWire authenticates every request with HTTP Basic: the Project ID is the user name and
	// the API token the password.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.projectId}}',
				password: '={{$credentials.apiToken}}',
			},
		},
	};

	// Listing one conference needs what the node needs, a right Project ID and a token with the
	// Voice scope. (Fetching the project itself would need the Management scope, which a token
	// made for this node may rightly lack.)
	test: ICredentialTestRequest = {
		request: {
			baseURL: ACCOUNT_BASE_URL,
			url: '/Conferences.json',
			qs: { PageSize: 1 },
			method: 'GET',
		},
	};
}
