import { seededRandom } from '../../bench/random';
import type { Dataset, StoredRecord } from '../types';
import { acmeDataset } from './acme';
import { clock, permissionSet, sfId, toolingProfile } from './builder';

export type SyntheticOrgOptions = {
  users: number;
  /** Regular permission sets (besides one per profile). */
  permissionSets?: number;
  permissionSetGroups?: number;
  profiles?: number;
  /** Permission set assignments in all, profile-owned ones included (one per user). */
  assignments?: number;
  seed?: number;
  now?: Date;
};

const DANGEROUS = [
  'ModifyAllData',
  'ViewAllData',
  'ManageUsers',
  'AuthorApex',
  'CustomizeApplication',
  'DataExport',
  'BypassMFAForUiLogins',
  'PasswordNeverExpires'
];

/**
 * A large org for the emulator, deterministic for a seed: Acme's governance records and settings,
 * with users, profiles, permission sets, groups, assignments, logins and audit entries at scale.
 */
export function syntheticDataset(options: SyntheticOrgOptions): Dataset {
  const random = seededRandom(options.seed ?? 7);
  const now = options.now ?? new Date();
  const { daysAgo } = clock(now);
  const base = acmeDataset(now);
  const profileCount = options.profiles ?? Math.max(5, Math.min(500, Math.round(options.users / 400)));
  const setCount = options.permissionSets ?? Math.max(20, Math.min(5000, Math.round(options.users / 50)));
  const groupCount = options.permissionSetGroups ?? Math.max(2, Math.round(setCount / 10));
  const assignmentTarget = Math.max(options.users, options.assignments ?? options.users * 5);

  const profiles: StoredRecord[] = [];
  const profileSets: StoredRecord[] = [];
  for (let p = 0; p < profileCount; p++) {
    const id = sfId('00e', 1000 + p);
    profiles.push({
      Id: id,
      Name: p === 0 ? 'System Administrator' : `Synthetic Profile ${p}`,
      UserLicenseId: base.sobjects.UserLicense[0].Id,
      UserType: 'Standard',
      Description: null
    });
    const grants =
      p === 0
        ? ['ModifyAllData', 'ViewAllData', 'ManageUsers', 'ApiEnabled', 'ViewSetup', 'MonitorLoginHistory']
        : random.chance(0.05)
          ? [random.pick(DANGEROUS), 'ApiEnabled']
          : ['ApiEnabled', 'RunReports'];
    profileSets.push(
      permissionSet(
        {
          Id: sfId('0PS', 100_000 + p),
          Name: `X00e${p}`,
          Label: `Profile ${p}`,
          IsOwnedByProfile: true,
          ProfileId: id,
          IsCustom: p !== 0,
          Type: 'Profile'
        },
        grants
      )
    );
  }
  const regularSets: StoredRecord[] = [];
  for (let s = 0; s < setCount; s++) {
    const grants = random.chance(0.03) ? [random.pick(DANGEROUS)] : ['RunReports'];
    regularSets.push(permissionSet({ Id: sfId('0PS', 200_000 + s), Name: `Synthetic_Set_${s}` }, grants));
  }
  const groups: StoredRecord[] = [];
  const groupSets: StoredRecord[] = [];
  const components: StoredRecord[] = [];
  for (let g = 0; g < groupCount; g++) {
    const id = sfId('0PG', 1000 + g);
    groups.push({
      Id: id,
      DeveloperName: `Synthetic_Group_${g}`,
      MasterLabel: `Synthetic Group ${g}`,
      Status: 'Updated',
      Description: null
    });
    groupSets.push(
      permissionSet({ Id: sfId('0PS', 400_000 + g), Name: `Synthetic_Group_${g}_Aggregate`, Type: 'Group', PermissionSetGroupId: id }, [
        'RunReports'
      ])
    );
    for (let c = 0; c < 3; c++)
      components.push({
        Id: sfId('0PC', 1000 + g * 3 + c),
        PermissionSetGroupId: id,
        PermissionSetId: regularSets[random.int(0, regularSets.length - 1)].Id
      });
  }

  const users: StoredRecord[] = [];
  const assignments: StoredRecord[] = [];
  const logins: StoredRecord[] = [];
  const verifications: StoredRecord[] = [];
  for (let u = 0; u < options.users; u++) {
    const id = sfId('005', 1_000_000 + u);
    const profile = u < 10 ? 0 : random.int(1, profileCount - 1);
    const active = random.chance(0.9);
    const lastLogin = random.chance(0.1) ? random.int(91, 700) : random.int(0, 30);
    users.push({
      Id: id,
      Username: `user${u}@synthetic.example`,
      Name: `Synthetic User ${u}`,
      Email: `user${u}@synthetic.example`,
      IsActive: active,
      ProfileId: profiles[profile].Id,
      UserType: 'Standard',
      LastLoginDate: daysAgo(lastLogin),
      CreatedDate: daysAgo(800),
      ManagerId: null
    });
    assignments.push({
      Id: sfId('0Pa', 1_000_000 + assignments.length),
      AssigneeId: id,
      PermissionSetId: profileSets[profile].Id,
      PermissionSetGroupId: null
    });
    if (active && lastLogin <= 30) {
      // Native logins: AuthMethodReference stays null; the MFA of 85% of them shows in VerificationHistory.
      const loginId = sfId('0Ya', 1_000_000 + logins.length);
      logins.push({
        Id: loginId,
        UserId: id,
        LoginTime: daysAgo(lastLogin),
        LoginType: 'Application',
        Status: 'Success',
        AuthMethodReference: null,
        ApiType: null,
        Application: 'Browser',
        SourceIp: '198.51.100.7',
        Platform: 'Windows'
      });
      if (random.chance(0.85)) {
        verifications.push({
          Id: sfId('0TU', 1_000_000 + verifications.length),
          Activity: 'Login',
          Status: 'Succeeded',
          VerificationMethod: 'TotpVerification',
          Policy: 'MultiFactorAuthentication',
          UserId: id,
          LoginHistoryId: loginId,
          VerificationTime: daysAgo(lastLogin),
          SourceIp: '198.51.100.7',
          EventGroup: verifications.length,
          Remarks: null,
          ResourceId: null
        });
      }
    }
  }
  // Salesforce refuses a second assignment of one set to one user (DUPLICATE_VALUE): a drawn pair already held is drawn again.
  const held = new Set(assignments.map((row) => `${String(row.AssigneeId)}:${String(row.PermissionSetId)}`));
  const pairs = users.length * (regularSets.length + groups.length);
  if (assignmentTarget - assignments.length > pairs / 2)
    throw new Error(`${assignmentTarget} assignments need more distinct (user, permission set) pairs than ${pairs}: add permission sets.`);
  while (assignments.length < assignmentTarget) {
    const user = users[random.int(0, users.length - 1)].Id;
    const viaGroup = random.chance(0.2);
    const group = viaGroup ? random.int(0, groups.length - 1) : -1;
    const setId = viaGroup ? groupSets[group].Id : regularSets[random.int(0, regularSets.length - 1)].Id;
    const pair = `${user}:${setId}`;
    if (held.has(pair)) continue;
    held.add(pair);
    assignments.push({
      Id: sfId('0Pa', 1_000_000 + assignments.length),
      AssigneeId: user,
      PermissionSetId: setId,
      PermissionSetGroupId: viaGroup ? groups[group].Id : null
    });
  }
  const objectPermissions: StoredRecord[] = regularSets.slice(0, Math.min(200, regularSets.length)).map((set, i) => ({
    Id: sfId('110', 100_000 + i),
    ParentId: set.Id,
    SobjectType: 'Account',
    PermissionsRead: true,
    PermissionsCreate: false,
    PermissionsEdit: i % 2 === 0,
    PermissionsDelete: false,
    PermissionsViewAllRecords: true,
    PermissionsModifyAllRecords: i % 2 === 0
  }));
  const auditTrail: StoredRecord[] = Array.from({ length: Math.min(50_000, Math.round(options.users / 4)) }, (_, i) => ({
    Id: sfId('0Ym', 100_000 + i),
    Action: random.chance(0.1) ? 'PermSetAssign' : 'createdcustomfield',
    Section: 'Manage Users',
    Display: `Synthetic setup change ${i}`,
    CreatedDate: daysAgo(random.int(0, 170)),
    CreatedById: users[random.int(0, Math.min(users.length, 10) - 1)].Id,
    DelegateUser: null
  }));

  // Acme's own users (the access token's owner among them) move to the synthetic profiles, so what they may see is known.
  const acmeAdminProfileId = base.sobjects.Profile.find((profile) => profile.Name === 'System Administrator')!.Id;
  const baseUsers = base.sobjects.User.map((user) => {
    const profile = user.ProfileId === acmeAdminProfileId ? 0 : 1;
    assignments.push({
      Id: sfId('0Pa', 1_000_000 + assignments.length),
      AssigneeId: user.Id,
      PermissionSetId: profileSets[profile].Id,
      PermissionSetGroupId: null
    });
    return { ...user, ProfileId: profiles[profile].Id };
  });

  return {
    ...base,
    // Every other profile keeps its logins to the office range, so the rule has both kinds to tell apart.
    tooling: {
      ...base.tooling,
      Profile: profiles.map((profile, p) =>
        toolingProfile(profile, p % 2 === 1 ? [{ startAddress: '10.0.0.0', endAddress: '10.0.255.255' }] : [])
      )
    },
    sobjects: {
      ...base.sobjects,
      Profile: profiles,
      PermissionSet: [...profileSets, ...regularSets, ...groupSets],
      PermissionSetGroup: groups,
      PermissionSetGroupComponent: components,
      PermissionSetAssignment: assignments,
      ObjectPermissions: objectPermissions,
      User: [...baseUsers, ...users],
      LoginHistory: logins,
      VerificationHistory: verifications,
      SetupAuditTrail: auditTrail
    }
  };
}
