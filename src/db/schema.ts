import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Address } from '../core/address.ts';
import type { Decision, MeasureKind, Phase, Platform, Role } from '../core/domain.ts';
import type { StoredPayload } from '../store/deliveries/payload.ts';

// Row types of migrations/0001_initial.ts (and later migrations). DATE
// columns are read as 'YYYY-MM-DD' strings (see db/type-parsers.ts) because a
// JS Date would silently move a calendar date into the server's time zone.

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T, T>;

export interface InstallationsTable {
  id: Generated<number>;
  platform: Platform;
  workspace_id: string;
  enterprise_id: string | null;
  name: string | null;
  credentials: Json<unknown> | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface NetworksTable {
  id: Generated<number>;
  name: string;
  aim: Generated<string>;
  time_zone: string;
  digest_weekday: Generated<number>;
  digest_hour: Generated<number>;
  digest_platform: Platform | null;
  digest_address: Json<Address> | null;
  created_at: CreatedAt;
}

export interface SitesTable {
  id: Generated<number>;
  network_id: number;
  name: string;
  time_zone: string | null;
  created_at: CreatedAt;
}

export interface SiteBreaksTable {
  id: Generated<number>;
  site_id: number;
  starts_on: string;
  ends_on: string;
  label: string | null;
}

export interface PeopleTable {
  id: Generated<number>;
  platform: Platform;
  workspace_id: string;
  platform_user_id: string;
  display_name: string;
  time_zone: string | null;
  address: Json<Address> | null;
  unreachable_at: Date | null;
  unreachable_reason: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MembersTable {
  id: Generated<number>;
  network_id: number;
  person_id: number;
  site_id: number | null;
  role: Role;
  status: Generated<'active' | 'pending'>;
  paused_until: string | null;
  created_at: CreatedAt;
}

export interface MeasuresTable {
  id: Generated<number>;
  network_id: number;
  name: string;
  kind: MeasureKind;
  unit: Generated<string>;
  better: 'higher' | 'lower';
  description: Generated<string>;
  created_at: CreatedAt;
}

export interface ChangeIdeasTable {
  id: Generated<number>;
  network_id: number;
  /** The idea's number within its network, as people type and read it (migration 0004). */
  number: Generated<number>;
  text: string;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface ConditionsTable {
  id: Generated<number>;
  network_id: number;
  name: string;
  created_at: CreatedAt;
}

export interface ConditionValuesTable {
  id: Generated<number>;
  condition_id: number;
  value: string;
  created_at: CreatedAt;
}

/** A value of a condition at a site over [valid_from, valid_to); null ends are open. */
export interface SiteConditionsTable {
  id: Generated<number>;
  site_id: number;
  condition_id: number;
  value_id: number;
  valid_from: string | null;
  valid_to: string | null;
  set_by: number | null;
  set_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type DriverKind = 'primary' | 'secondary';

export interface DriversTable {
  id: Generated<number>;
  network_id: number;
  kind: DriverKind;
  parent_id: number | null;
  /** Generated: 'primary' when there is a parent (see migrations/0005). */
  parent_kind: ColumnType<'primary' | null, never, never>;
  name: string;
  created_at: CreatedAt;
}

export interface IdeaDriversTable {
  change_idea_id: number;
  driver_id: number;
  linked_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CyclesTable {
  id: Generated<number>;
  network_id: number;
  /** The cycle's number within its network, as people type and read it (migration 0004). */
  number: Generated<number>;
  site_id: number;
  owner_member_id: number | null;
  change_idea_id: number;
  measure_id: number;
  question: Generated<string>;
  starts_on: string;
  ends_on: string;
  phase: Generated<Phase | 'closed'>;
  parent_cycle_id: number | null;
  decision: Decision | null;
  decided_at: Date | null;
  closed_at: Date | null;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface CycleParticipantsTable {
  cycle_id: number;
  member_id: number;
}

export interface CheckinsTable {
  id: Generated<number>;
  cycle_id: number;
  member_id: number;
  phase: Phase;
  status: Generated<'open' | 'answered' | 'closed'>;
  due_at: Date | string;
  answer: Json<Record<string, unknown>> | null;
  draft: Json<Record<string, unknown>> | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  note: string | null;
  version: Generated<number>;
  prompted_at: Date | null;
  answered_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface CheckinRevisionsTable {
  id: Generated<number>;
  checkin_id: number;
  version: number;
  answer: Json<Record<string, unknown>>;
  recorded_at: Date | string;
}

export interface RawRepliesTable {
  id: Generated<number>;
  person_id: number;
  checkin_id: number | null;
  event_id: string | null;
  text: string | null;
  understood: boolean;
  received_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

export interface DeliveriesTable {
  id: Generated<number>;
  kind: string;
  dedupe_key: string;
  platform: Platform;
  address: Json<Address>;
  person_id: number | null;
  network_id: number | null;
  checkin_id: number | null;
  payload: Json<StoredPayload>;
  due_at: Date | string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  sent_at: Date | null;
  message_ref: Json<unknown> | null;
  last_error: string | null;
  created_at: CreatedAt;
}

export interface DigestsTable {
  id: Generated<number>;
  network_id: number;
  iso_week: string;
  platform: Platform | null;
  address: Json<Address> | null;
  content: Json<unknown> | null;
  delivery_id: number | null;
  created_at: CreatedAt;
}

export interface InboundEventsTable {
  platform: Platform;
  event_id: string;
  received_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface PublishedFilesTable {
  token: string;
  content_type: string;
  file_name: string;
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface Database {
  installations: InstallationsTable;
  networks: NetworksTable;
  sites: SitesTable;
  site_breaks: SiteBreaksTable;
  people: PeopleTable;
  members: MembersTable;
  measures: MeasuresTable;
  change_ideas: ChangeIdeasTable;
  conditions: ConditionsTable;
  condition_values: ConditionValuesTable;
  site_conditions: SiteConditionsTable;
  drivers: DriversTable;
  idea_drivers: IdeaDriversTable;
  cycles: CyclesTable;
  cycle_participants: CycleParticipantsTable;
  checkins: CheckinsTable;
  checkin_revisions: CheckinRevisionsTable;
  raw_replies: RawRepliesTable;
  deliveries: DeliveriesTable;
  digests: DigestsTable;
  inbound_events: InboundEventsTable;
  published_files: PublishedFilesTable;
}

export type NetworkRow = Selectable<NetworksTable>;
export type SiteRow = Selectable<SitesTable>;
export type PersonRow = Selectable<PeopleTable>;
export type MemberRow = Selectable<MembersTable>;
export type MeasureRow = Selectable<MeasuresTable>;
export type ChangeIdeaRow = Selectable<ChangeIdeasTable>;
export type CycleRow = Selectable<CyclesTable>;
export type CheckinRow = Selectable<CheckinsTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type NewDelivery = Insertable<DeliveriesTable>;
export type CycleUpdate = Updateable<CyclesTable>;
