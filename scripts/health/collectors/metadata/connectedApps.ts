import type { ConnectedApp } from '../../snapshot';
import { asNode, asText, isTrue, type ParsedXml } from '../../../lib/xml';

/**
 * `oauthConfig.isAdminApproved` is the Metadata API's "Admin approved users are pre-authorized"
 * policy; when absent the platform default applies: all users may self-authorize.
 */
export function readConnectedApp(name: string, xml: ParsedXml): ConnectedApp {
  const root = asNode(xml.root.ConnectedApp) ?? {};
  const oauthConfig = asNode(root.oauthConfig);
  return {
    name,
    label: asText(root.label),
    hasOAuth: oauthConfig !== undefined,
    adminApprovedUsersOnly: oauthConfig ? isTrue(oauthConfig.isAdminApproved) : undefined,
    contactEmail: asText(root.contactEmail),
    location: { file: xml.file, line: 1 }
  };
}
