import { LightningElement } from 'lwc';

/** The operating model tab of the console: the playbook, the joint backlog and the review cadence. */
export default class OperatingModel extends LightningElement {}
