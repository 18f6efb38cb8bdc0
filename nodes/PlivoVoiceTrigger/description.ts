import type { INodeProperties } from 'n8n-workflow';

import { ANY_EVENT, EVENT_QUERY_PARAMETER, XML_EVENTS, eventOptions } from './events';
import { PLIVO_VERBS } from '../../lib/plivo/xml';
import { ANSWER_WITH_RAW_XML, answerInstructionsField, answerWithField } from './instructions';
import { outputPerEventField } from './outputs';

/** Shown only when a callback that expects XML can start the workflow. */
const whenXmlIsExpected = { events: [...XML_EVENTS, ANY_EVENT] };

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: eventOptions,
		default: ['answer', 'hangup'],
		description:
			'Which Plivo callbacks start the workflow. Any other callback is acknowledged (HTTP 200) and starts nothing. The output has every parameter Plivo sent plus "event", the name of the callback, and "webhookUrl", the URL Plivo called (to send a GetInput action back here).',
	},
	outputPerEventField,
	{
		displayName: 'Respond',
		name: 'responseMode',
		type: 'options',
		options: [
			{
				name: 'Immediately, With the XML Below',
				value: 'onReceived',
				description:
					'Answer Plivo at once with the XML written in this node, then run the workflow',
			},
			{
				name: "Using 'Respond to Webhook' Node",
				value: 'responseNode',
				description: 'A Respond to Webhook node (version 1) later in the workflow sends the XML',
			},
			{
				name: 'When Last Node Finishes',
				value: 'lastNode',
				description: 'Send the XML found in a field of the first item of the last node',
			},
		],
		default: 'onReceived',
		description:
			'How to answer callbacks that expect Plivo XML (answer, fallback, input). Every other callback is answered with HTTP 200 at once.',
		displayOptions: { show: whenXmlIsExpected },
	},
	answerWithField({ ...whenXmlIsExpected, responseMode: ['onReceived'] }),
	{
		displayName: 'Response XML',
		name: 'responseXml',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '<Response>\n\t<Speak>Hello! This call is handled by n8n.</Speak>\n</Response>',
		description: `Plivo XML that tells Plivo what to do on the call: a &lt;Response&gt; element holding ${PLIVO_VERBS.join(', ')}. It is checked before it is sent; a document Plivo could not run fails the execution instead. An expression inside the XML gives the text of an element or the value of an attribute (in quotes): whatever it holds, a caller's name with &lt; or &amp; in it for instance, is sent as text, never as XML. An expression that is the whole field gives the XML itself: build it only from values you trust. Expressions are evaluated when the callback arrives (its parameters are in the body, as with the Webhook node), before the workflow runs, so they cannot use data from other nodes: for XML that depends on the workflow, choose another 'Respond' option.`,
		displayOptions: {
			show: {
				...whenXmlIsExpected,
				responseMode: ['onReceived'],
				answerWith: [ANSWER_WITH_RAW_XML],
			},
		},
	},
	answerInstructionsField({ ...whenXmlIsExpected, responseMode: ['onReceived'] }),
	{
		displayName: 'XML Field',
		name: 'xmlField',
		type: 'string',
		default: 'xml',
		description:
			"Name of the field, in the first item of the last node, that holds the Plivo XML: 'xml' for a Plivo XML node. n8n sends it as it is, with Content-Type application/xml: this node cannot check it first, so make sure it is a &lt;Response&gt; document.",
		displayOptions: { show: { ...whenXmlIsExpected, responseMode: ['lastNode'] } },
	},
	{
		displayName:
			"End the workflow with a Plivo XML node (search for 'Plivo XML'): it builds the answer from instructions, and its 'xml' field is what n8n sends to Plivo.",
		name: 'lastNodeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...whenXmlIsExpected, responseMode: ['lastNode'] } },
	},
	{
		displayName:
			"Add a Respond to Webhook node of version 1, set to respond with text (the XML) and a Content-Type header of application/xml. n8n's newer versions of that node only run after n8n's own Webhook trigger: copy a version 1 node from this package's README.",
		name: 'responseNodeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...whenXmlIsExpected, responseMode: ['responseNode'] } },
	},
	{
		displayName: 'Plivo Application',
		name: 'registration',
		type: 'options',
		options: [
			{
				name: 'Attach to an Existing Application',
				value: 'existing',
				description:
					'On activation, point an application of yours at this trigger; its previous URLs are put back on deactivation',
			},
			{
				name: 'Create a New Application',
				value: 'create',
				description:
					'On activation, create an application whose answer and hangup URLs are this trigger; it is deleted on deactivation',
			},
			{
				name: 'None',
				value: 'none',
				description:
					'Register nothing: paste the webhook URL into Plivo or into the callback fields of the Plivo Voice node yourself',
			},
		],
		default: 'create',
		description:
			'Phone numbers and SIP endpoints send their calls to a Plivo application, whose answer URL Plivo calls. The node can set that up when the workflow is activated.',
	},
	{
		displayName: 'Application Name',
		name: 'applicationName',
		type: 'string',
		required: true,
		default: 'n8n-voice-trigger',
		description:
			'Name of the new application in your Plivo console: letters, digits, hyphens (-) and underscores (_) only',
		displayOptions: { show: { registration: ['create'] } },
	},
	{
		displayName: 'Application',
		name: 'application',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The Plivo application to point at this trigger',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchApplications', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 20372631212782780',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[0-9]+$', errorMessage: 'A Plivo application ID is a number' },
					},
				],
			},
		],
		displayOptions: { show: { registration: ['existing'] } },
	},
	{
		displayName: 'Verify Signature',
		name: 'verifySignature',
		type: 'boolean',
		default: true,
		description:
			'Whether to check the X-Plivo-Signature-V3 header of every callback with your Auth Token and refuse (HTTP 403) any that Plivo did not sign, so that nobody else can start the workflow',
	},
	{
		displayName:
			'Anyone who finds this webhook URL can start the workflow and feed it made-up calls. Keep signature verification on unless something between Plivo and n8n changes the requests.',
		name: 'signatureNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { verifySignature: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Public Webhook URL',
				name: 'publicUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://n8n.example.com/webhook/1c04a8f4-…/webhook',
				description: `Only when n8n sits behind a proxy that changes the address: the URL Plivo calls for this trigger, without query string. It is the URL the signature is checked against and the one registered with Plivo. Leave empty to use the webhook URL shown above. (A ?${EVENT_QUERY_PARAMETER}=… query you add in Plivo is kept.)`,
			},
		],
	},
];
