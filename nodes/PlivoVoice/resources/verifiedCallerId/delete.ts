import { path } from '../../../../lib/kit/pathSegments';
import { VERIFIED_NUMBER, verifiedNumberField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const deleteVerifiedCallerId = defineOperation({
	resource: 'verifiedCallerId',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a verified caller ID',
	description: 'Remove a verified number; calls can no longer use it as caller ID',
	method: 'DELETE',
	url: path`/VerifiedCallerId/${VERIFIED_NUMBER}`,
	properties: [verifiedNumberField('The verified number to remove')],
});
