import { defineOperation } from '../../shared/routing';
import { phoneNumberParameterCheck, verifiedNumberField, verifiedNumberPath } from './shared';

export const get = defineOperation({
	resource: 'verifiedCallerId',
	value: 'get',
	name: 'Get',
	action: 'Get a verified caller ID',
	description: 'Get a verified number: its alias, country, subaccount and when it was verified',
	method: 'GET',
	url: verifiedNumberPath,
	properties: [verifiedNumberField('The verified number to get')],
	checks: [phoneNumberParameterCheck],
});
