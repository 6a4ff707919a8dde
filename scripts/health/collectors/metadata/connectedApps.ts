import type { ConnectedApp, SourceLocation } from '../../snapshot';
import { asNode, asText, isTrue, tagOffsets, type ParsedXml } from '../../../lib/xml';

function lineOf(xml: ParsedXml, tag: string): SourceLocation {
  const [offset] = tagOffsets(xml.text, tag);
  return { file: xml.file, line: offset === undefined ? 1 : xml.lineAt(offset) };
}

/**
 * `oauthConfig.isAdminApproved` is the Metadata API's "Admin approved users are pre-authorized"
 * policy; when absent the platform default applies: all users may self-authorize.
 * `oauthPolicy.ipRelaxation` and `oauthPolicy.refreshTokenPolicy` (ConnectedAppOauthPolicy) are kept
 * as written (`ENFORCE`, `BYPASS`, `infinite`, ...): the rules compare them without regard to case.
 */
export function readConnectedApp(name: string, xml: ParsedXml): ConnectedApp {
  const root = asNode(xml.root.ConnectedApp) ?? {};
  const oauthConfig = asNode(root.oauthConfig);
  const oauthPolicy = asNode(root.oauthPolicy);
  const ipRelaxation = asText(oauthPolicy?.ipRelaxation);
  const refreshTokenPolicy = asText(oauthPolicy?.refreshTokenPolicy);
  return {
    name,
    kind: 'ConnectedApp',
    label: asText(root.label),
    hasOAuth: oauthConfig !== undefined,
    adminApprovedUsersOnly: oauthConfig ? isTrue(oauthConfig.isAdminApproved) : undefined,
    contactEmail: asText(root.contactEmail),
    ...(ipRelaxation ? { ipRelaxation } : {}),
    ...(refreshTokenPolicy ? { refreshTokenPolicy } : {}),
    location: { file: xml.file, line: 1 },
    policyLocations: {
      ...(ipRelaxation ? { ipRelaxation: lineOf(xml, 'ipRelaxation') } : {}),
      ...(refreshTokenPolicy ? { refreshTokenPolicy: lineOf(xml, 'refreshTokenPolicy') } : {})
    }
  };
}

/** An external client app (`.eca`): its label and contact; its OAuth policy is a file of its own. */
export function readExternalClientApp(name: string, xml: ParsedXml): ConnectedApp {
  const root = asNode(xml.root.ExternalClientApplication) ?? {};
  return {
    name,
    kind: 'ExternalClientApplication',
    label: asText(root.label),
    contactEmail: asText(root.contactEmail),
    location: { file: xml.file, line: 1 }
  };
}

/**
 * ExtlClntAppOauthConfigurablePolicies (`.ecaOauthPlcy`): the admin's OAuth policy of the external
 * client app named in `externalClientApplication`. Values as documented: ipRelaxationPolicyType
 * Enforce | Bypass | Bypass_2factor | Enforce_RelaxRefresh; refreshTokenPolicyType Infinite | Zero |
 * SpecificLifetime | SpecificInactivity; permittedUsersPolicyType AdminApprovedPreAuthorized | AllSelfAuthorized.
 */
export function readExternalClientAppPolicy(fullName: string, xml: ParsedXml): { appName: string; policy: Partial<ConnectedApp> } {
  const root = asNode(xml.root.ExtlClntAppOauthConfigurablePolicies) ?? {};
  const appName = asText(root.externalClientApplication) ?? fullName.replace(/_oauthPlcy$/i, '');
  const ipRelaxation = asText(root.ipRelaxationPolicyType);
  const refreshTokenPolicy = asText(root.refreshTokenPolicyType);
  const permitted = asText(root.permittedUsersPolicyType);
  return {
    appName,
    policy: {
      hasOAuth: true,
      ...(permitted ? { adminApprovedUsersOnly: permitted.toLowerCase() === 'adminapprovedpreauthorized' } : {}),
      ...(ipRelaxation ? { ipRelaxation } : {}),
      ...(refreshTokenPolicy ? { refreshTokenPolicy } : {}),
      policyLocations: {
        ...(ipRelaxation ? { ipRelaxation: lineOf(xml, 'ipRelaxationPolicyType') } : {}),
        ...(refreshTokenPolicy ? { refreshTokenPolicy: lineOf(xml, 'refreshTokenPolicyType') } : {})
      }
    }
  };
}

const IP_RISK = (value: string | undefined) => (value ?? '').toLowerCase().startsWith('bypass');
const TOKEN_RISK = (value: string | undefined) => (value ?? '').toLowerCase() === 'infinite';

/** Two copies of one app: the riskier policy of the two is the one the org may hold. */
export function mergeConnectedApps(first: ConnectedApp, second: ConnectedApp): ConnectedApp {
  const pick = <K extends 'ipRelaxation' | 'refreshTokenPolicy'>(key: K, risky: (value: string | undefined) => boolean) =>
    risky(second[key]) && !risky(first[key]) ? second : first;
  const ip = pick('ipRelaxation', IP_RISK);
  const token = pick('refreshTokenPolicy', TOKEN_RISK);
  return {
    ...first,
    adminApprovedUsersOnly:
      first.adminApprovedUsersOnly === false || second.adminApprovedUsersOnly === false
        ? false
        : (first.adminApprovedUsersOnly ?? second.adminApprovedUsersOnly),
    hasOAuth: first.hasOAuth || second.hasOAuth,
    ipRelaxation: ip.ipRelaxation,
    refreshTokenPolicy: token.refreshTokenPolicy,
    policyLocations: {
      ...(ip.policyLocations?.ipRelaxation ? { ipRelaxation: ip.policyLocations.ipRelaxation } : {}),
      ...(token.policyLocations?.refreshTokenPolicy ? { refreshTokenPolicy: token.policyLocations.refreshTokenPolicy } : {})
    }
  };
}
