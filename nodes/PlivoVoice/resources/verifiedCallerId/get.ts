import { path } from '../../../../lib/kit/pathSegments';
import { VERIFIED_NUMBER, verifiedNumberField } from './shared';
import { defineOperation } from '../../../../lib/plivo/routing';

export const get = defineOperation({
	resource: 'verifiedCallerId',
	value: 'get',
	name: 'Get',
	action: 'Get a verified caller ID',
	description: 'Get a verified number: its alias, country, subaccount and when it was verified',
	method: 'GET',
	url: path`/VerifiedCallerId/${VERIFIED_NUMBER}`,
	properties: [verifiedNumberField('The verified number to get')],
});
