import { toBody, updateFieldsCollection } from '../../../../lib/kit/fields';
import { path } from '../../../../lib/kit/pathSegments';
import { bodyOf } from '../../../../lib/kit/validation';
import { MPC, mpcField } from '../multipartyCall/shared';
import { participantMembers } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

const members = participantMembers('oneOrAll');

export const update = defineOperation({
	resource: 'mpcParticipant',
	value: 'update',
	name: 'Update',
	action: 'Update a participant of a multiparty call',
	description:
		'Mute or unmute, hold or unhold a participant or everyone, or switch a supervisor’s coaching',
	method: 'POST',
	url: path`/MultiPartyCall/${MPC}/Participant/${members.segment}/`,
	properties: [
		mpcField(),
		members.field,
		updateFieldsCollection([
			{
				displayName: 'Coach Mode',
				name: 'coachMode',
				type: 'boolean',
				default: true,
				description:
					'Whether the supervisor is heard by agents only (on) or by everyone, customers included (off). A beep plays on every change. One supervisor at a time, not all.',
				routing: toBody('coach_mode'),
			},
			{
				displayName: 'Hold',
				name: 'hold',
				type: 'boolean',
				default: true,
				description: 'Whether to put on hold (muted, hearing hold music) or take off hold',
				routing: toBody('hold'),
			},
			{
				displayName: 'Mute',
				name: 'mute',
				type: 'boolean',
				default: true,
				description: 'Whether to mute or unmute',
				routing: toBody('mute'),
			},
		]),
	],
	checks: [
		(requestOptions) => {
			const body = bodyOf(requestOptions);
			if (['mute', 'hold', 'coach_mode'].every((name) => body[name] === undefined)) {
				return 'Nothing to update: add Mute, Hold or Coach Mode under ‘Update Fields’.';
			}
			return undefined;
		},
		function (requestOptions) {
			const everyone = String(this.getNodeParameter('memberId', '')).trim().toLowerCase() === 'all';
			if (everyone && bodyOf(requestOptions).coach_mode !== undefined) {
				return '‘Coach Mode’ can be changed for one supervisor at a time: Plivo refuses it for ‘all’. Enter the supervisor’s member ID.';
			}
			return undefined;
		},
	],
});
