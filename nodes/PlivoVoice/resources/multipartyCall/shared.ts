import type { INodeProperties } from 'n8n-workflow';

import type { PathSegmentKind, SegmentForm } from '../../../../lib/kit/pathSegments';
import { bodyUrl } from '../../../../lib/kit/validation';
import { urlAndMethodFields } from '../../../../lib/plivo/fields';
import { NAME_FORM } from '../../../../lib/plivo/pathSegments';

/** Plivo's MPC UUIDs, e.g. 8742d531-292a-46aa-8754-836be1092885. */
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** The editor checks the UUID form as it is typed; an expression is only known at run time. */
const MPC_UUID_FORM: SegmentForm = {
	maxLength: 36,
	prefix: 'uuid_',
	problem: (value) =>
		new RegExp(UUID).test(value)
			? undefined
			: `‘${value}’ in the ‘Multiparty Call’ field is not an MPC UUID (for example 8742d531-292a-46aa-8754-836be1092885). To use the MPC’s name, choose ‘By Name’.`,
};

/**
 * The MPC segment of a path, from `mpcField`: `name_{friendly name}` or `uuid_{mpc uuid}`
 * (reference L7216), by the locator's mode. The list offers MPCs by UUID.
 */
export const MPC: PathSegmentKind = {
	parameter: 'mpc',
	displayName: 'Multiparty Call',
	form: {
		byMode: { name: { ...NAME_FORM, prefix: 'name_' }, uuid: MPC_UUID_FORM, list: MPC_UUID_FORM },
	},
};

/**
 * The MPC an operation acts on, by friendly name, by UUID or picked from the live MPCs. Every
 * MPC and participant operation uses this field, and `MPC` in its path.
 */
export function mpcField(
	description = 'The multiparty call (MPC), by its name or UUID, or picked from the live ones',
): INodeProperties {
	return {
		displayName: 'Multiparty Call',
		name: 'mpc',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'name', value: '' },
		description,
		hint: 'An MPC that has ended can only be found by its UUID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchMultipartyCalls', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. support_call_42',
			},
			{
				displayName: 'By UUID',
				name: 'uuid',
				type: 'string',
				placeholder: 'e.g. 8742d531-292a-46aa-8754-836be1092885',
				validation: [
					{ type: 'regex', properties: { regex: UUID, errorMessage: 'Not an MPC UUID' } },
				],
			},
		],
	};
}

/** The recording callback of MPC and participant recordings, with the events Plivo posts to it. */
export function recordingCallbackFields(events: string): INodeProperties[] {
	// The reference gives POST as the method's default; the official SDK sends GET when adding a
	// participant. Unset, the field is not sent and Plivo applies its own default.
	return urlAndMethodFields({
		urlName: 'recordingCallbackUrl',
		methodName: 'recordingCallbackMethod',
		urlApiName: 'recording_callback_url',
		methodApiName: 'recording_callback_method',
		displayName: 'Recording Callback',
		description: `URL Plivo notifies as the recording goes (${events}), with the recording’s URL, ID, format and duration`,
	});
}

export const recordingCallbackUrlCheck = bodyUrl(
	'recording_callback_url',
	'Recording Callback URL',
);
