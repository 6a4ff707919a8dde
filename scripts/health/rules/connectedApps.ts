import { ANY_MODE, help, LIVE_MODE, missing } from './helpers';
import type { Rule } from './types';

const INTEGRATION_AREA = 'INTEGRATION.GOVERNANCE';

export const openSelfAuthorize: Rule = {
  id: 'capp.open-self-authorize',
  reads: ['connectedApps'],
  modes: ANY_MODE,
  title: 'Connected app any user may self-authorize',
  severity: 'medium',
  lead: 'IT',
  areaKey: INTEGRATION_AREA,
  remediation:
    'Set the app\'s OAuth policy "Permitted Users" to "Admin approved users are pre-authorized" and grant it through a profile or permission set.',
  references: [help('sf.connected_app_manage_oauth.htm'), help('sf.connected_app_overview.htm')],
  controls: { nist: ['PR.AA-05'], iso27001: ['A.5.15', 'A.8.26'], cis: ['6.1'] },
  evaluate: (snapshot) => {
    const skip = missing(snapshot, 'connectedApps');
    if (skip) return skip;
    return {
      hits: (snapshot.connectedApps ?? [])
        .filter((app) => app.hasOAuth !== false && app.adminApprovedUsersOnly === false)
        .map((app) => ({
          component: { type: 'ConnectedApp', name: app.name },
          detail: `Connected app ${app.label ?? app.name}: all users may self-authorize (admin pre-approval is off).`,
          location: app.location
        }))
    };
  }
};

export const unownedIntegration: Rule = {
  id: 'capp.unowned-integration',
  reads: ['integrations', 'connectedApps', 'users'],
  modes: LIVE_MODE,
  title: 'Connected app or integration user with no owner in the inventory',
  severity: 'medium',
  lead: 'IT',
  areaKey: INTEGRATION_AREA,
  remediation:
    'Add an Integration__c record for it with a named Owner_User__c, an on-call rotation and a runbook, or remove the app / deactivate the user.',
  references: [help('sf.connected_app_overview.htm'), help('sf.integration_user.htm')],
  controls: { nist: ['ID.AM-02', 'GV.RR-02'], iso27001: ['A.5.9', 'A.5.19'], cis: ['2.1', '5.5'] },
  evaluate: (snapshot) => {
    const skip = missing(snapshot, 'integrations', 'connectedApps', 'users');
    if (skip) return skip;
    const integrations = snapshot.integrations ?? [];
    const owned = integrations.filter((integration) => integration.ownerUserId);
    const ownedApps = new Set(owned.map((integration) => integration.connectedAppName?.toLowerCase()).filter(Boolean));
    const ownedUsers = new Set(owned.map((integration) => integration.integrationUserId).filter(Boolean));
    const appHits = (snapshot.connectedApps ?? [])
      .filter((app) => !ownedApps.has(app.name.toLowerCase()) && !ownedApps.has((app.label ?? '').toLowerCase()))
      .map((app) => ({
        component: { type: 'ConnectedApp', name: app.name },
        detail: `Connected app ${app.label ?? app.name} has no Integration__c record with an owner.`,
        location: app.location
      }));
    const userHits = (snapshot.users ?? [])
      .filter((user) => user.isActive && (user.isApiOnly || /integration/i.test(user.licenseName ?? '')) && !ownedUsers.has(user.id))
      .map((user) => ({
        component: { type: 'User', name: user.username },
        detail: `Integration user ${user.username} is not the Integration_User__c of any owned Integration__c record.`
      }));
    return { hits: [...appHits, ...userHits] };
  }
};
