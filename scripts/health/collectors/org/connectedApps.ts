import type { ConnectedApp } from '../../snapshot';
import { declare, field } from './declare';
import { normalizeLabel } from './healthCheckLabels';

export const CONNECTED_APPLICATION = declare({
  object: 'ConnectedApplication',
  parts: ['connectedApps'],
  grant: 'View Setup and Configuration',
  shape: {
    id: field.id(),
    label: field.text('Name'),
    developerName: field.text('DeveloperName'),
    adminApproved: field.maybeFlag('OptionsAllowAdminApprovedUsersOnly'),
    internal: field.maybeFlag('OptionsIsInternal'),
    contactEmail: field.text('ContactEmail')
  }
});

export const EXTERNAL_CLIENT_APP = declare({
  object: 'ExternalClientApplication',
  tooling: true,
  parts: ['connectedApps'],
  grant: 'View Setup and Configuration',
  shape: {
    id: field.id(),
    developerName: field.required('DeveloperName'),
    label: field.text('MasterLabel'),
    namespace: field.text('NamespacePrefix'),
    distribution: field.text('DistributionState'),
    contactEmail: field.text('ContactEmail')
  }
});

/** An External Client App's OAuth policy: who may use it, IP relaxation, refresh token lifetime. */
export const EXTERNAL_CLIENT_APP_POLICY = declare({
  object: 'ExtlClntAppOauthPlcyCnfg',
  tooling: true,
  parts: ['connectedApps'],
  grant: 'View Setup and Configuration',
  shape: {
    appId: field.required('ExternalClientApplicationId'),
    permittedUsers: field.text('PermittedUsersPolicyType'),
    ipRelaxation: field.text('IpRelaxationPolicyType'),
    refreshTokenPolicy: field.text('RefreshTokenPolicyType')
  }
});

/** Apps users hold OAuth tokens for, counted by the org: an app installed from elsewhere shows up only here. */
export const OAUTH_TOKEN = declare({
  object: 'OauthToken',
  parts: [],
  grant: 'Manage Users',
  shape: { appName: field.group('AppName'), tokens: field.count('tokens') },
  groupBy: ['AppName']
});

/**
 * Connected apps Salesforce installs in every org (Salesforce Help, "Connected Apps Installed by
 * Salesforce"): not the org's own integrations, so not judged. `OptionsIsInternal` marks some of them.
 */
const SALESFORCE_APPS = [
  'Salesforce CLI',
  'SalesforceA',
  'Salesforce for Outlook',
  'Salesforce Mobile Apps',
  'Salesforce for iOS',
  'Salesforce for Android',
  'Salesforce Files',
  'Salesforce Authenticator',
  'Salesforce Chatter',
  'Chatter Desktop',
  'Chatter Mobile for BlackBerry',
  'Dataloader Partner',
  'Dataloader Bulk',
  'Ant Migration Tool',
  'Force.com IDE',
  'Salesforce Inbox',
  'Salesforce Field Service for iOS',
  'Salesforce Field Service for Android',
  'Salesforce Mobile Dashboards',
  'Lightning Login',
  'Salesforce Developers VS Code Extension',
  'Salesforce Code Builder',
  'Salesforce DevOps Center',
  'Salesforce Analytics',
  'Salesforce Einstein Analytics',
  'Slack for Salesforce'
].map(normalizeLabel);

export function isSalesforceProvided(...names: Array<string | undefined>): boolean {
  return names.some((name) => name !== undefined && SALESFORCE_APPS.includes(normalizeLabel(name)));
}

type AppRow = { id: string; label?: string; developerName?: string; adminApproved?: boolean; internal?: boolean; contactEmail?: string };
type EcaRow = { id: string; developerName: string; label?: string; namespace?: string; distribution?: string; contactEmail?: string };
type PolicyRow = { appId: string; permittedUsers?: string; ipRelaxation?: string; refreshTokenPolicy?: string };

export function buildConnectedApps(apps: AppRow[], ecas: EcaRow[], policies: PolicyRow[], tokenApps: string[]): ConnectedApp[] {
  const out: ConnectedApp[] = apps.map((app) => ({
    id: app.id,
    name: app.developerName ?? app.label ?? app.id,
    label: app.label,
    adminApprovedUsersOnly: app.adminApproved,
    hasOAuth: true,
    contactEmail: app.contactEmail,
    kind: 'ConnectedApp',
    salesforceProvided: app.internal === true || isSalesforceProvided(app.label, app.developerName)
  }));
  const policyByApp = new Map(policies.map((policy) => [policy.appId, policy]));
  for (const eca of ecas) {
    const policy = policyByApp.get(eca.id);
    out.push({
      id: eca.id,
      name: eca.developerName,
      label: eca.label,
      hasOAuth: policy !== undefined,
      adminApprovedUsersOnly: policy?.permittedUsers ? policy.permittedUsers === 'AdminApprovedPreAuthorized' : undefined,
      ipRelaxation: policy?.ipRelaxation,
      refreshTokenPolicy: policy?.refreshTokenPolicy,
      contactEmail: eca.contactEmail,
      kind: 'ExternalClientApplication',
      // Installed and kept up to date by Salesforce, not built in this org.
      salesforceProvided: eca.distribution === 'AutoInstalled' || isSalesforceProvided(eca.label, eca.developerName)
    });
  }
  const known = new Set(out.flatMap((app) => [app.name, app.label].filter((name): name is string => Boolean(name)).map(normalizeLabel)));
  for (const name of tokenApps) {
    if (known.has(normalizeLabel(name))) continue;
    known.add(normalizeLabel(name));
    // Used through OAuth tokens but not defined here (installed from another org or a package): its policy is not readable.
    out.push({ name, label: name, hasOAuth: true, kind: 'ConnectedApp', salesforceProvided: isSalesforceProvided(name) });
  }
  return out;
}
