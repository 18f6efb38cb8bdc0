import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { BASE } from '../lib/plivo/hosts';

export class PlivoVoiceApi implements ICredentialType {
	name = 'plivoVoiceApi';

	displayName = 'Plivo Voice API';

	icon = {
		light: 'file:../nodes/PlivoVoice/plivo.svg',
		dark: 'file:../nodes/PlivoVoice/plivo.dark.svg',
	} as const;

	documentationUrl = 'https://www.plivo.com/docs/voice/api/overview';

	properties: INodeProperties[] = [
		{
			displayName: 'Auth ID',
			name: 'authId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. MAXXXXXXXXXXXXXXXXXX',
			description: 'The Auth ID shown on the overview page of your Plivo console',
		},
		{
			displayName: 'Auth Token',
			name: 'authToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Auth Token shown next to the Auth ID in your Plivo console',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.plivo.com',
			description:
				'Leave as is to use Plivo. Change it only to use the local Plivo sandbox shipped with this package (for example http://localhost:8088) or another Plivo-compatible host.',
		},
		{
			displayName: 'API Requests per 5 Seconds',
			name: 'requestsPer5Seconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			description:
				'How many API requests Plivo lets this account send every 5 seconds: 300 unless Plivo raised your limit. Every Plivo node using this credential paces its requests to it, so that large runs are not refused. With n8n in queue mode, each worker paces on its own: divide the limit by the number of workers.',
		},
	];

	// Plivo authenticates every request with HTTP Basic: the Auth ID is the user name and the
	// Auth Token the password.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.authId}}',
				password: '={{$credentials.authToken}}',
			},
		},
	};

	// Fetching the account itself is the cheapest request that fails unless both the Auth ID
	// and the Auth Token are right.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{${BASE}}}`,
			url: '=/v1/Account/{{encodeURIComponent($credentials.authId)}}/',
			method: 'GET',
		},
	};
}
