// Generated from the Go service registry by app/tsgen_test.go. DO NOT EDIT.
// Regenerate: go test ./app -run TestAPIGenTS -update
/* eslint-disable */

/** Every error code a method may answer (app/errors.go), append-only. */
export const ERROR_CODES = [
  "internal",
  "invalid_input",
  "not_found",
  "unknown_method",
  "unauthorized",
  "forbidden_origin",
  "not_ready",
  "data_unavailable",
  "data_in_use",
  "not_initialised",
  "node_unreachable",
  "locked",
  "wrong_secret",
  "vault_state",
  "key_unavailable",
  "tampered",
  "unauthenticated",
  "forbidden",
  "bad_login",
  "account_locked",
  "account_disabled",
  "conflict",
  "import_rejected",
  "setup_done",
  "refused",
  "no_viewer",
  "bundle_rejected",
  "bundle_unencrypted",
  "bundle_not_addressed",
] as const;

/** A stable error code; the interface translates each. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every method's request and reply, by "<Service>.<Method>". */
export interface Methods {
  "Auth.ChangePassword": { params: PasswordChange; reply: {} };
  "Auth.Login": { params: LoginRequest; reply: LoginReply };
  "Auth.Logout": { params: SessionRequest; reply: {} };
  "Auth.Me": { params: undefined; reply: UserInfo };
  "Calendar.DueDate": { params: DueDateRequest; reply: DueDateReply };
  "Calendar.Holidays": { params: YearRequest; reply: HolidaysReply };
  "Calendar.RemoveOverride": { params: YearRequest; reply: HolidaysReply };
  "Calendar.Rules": { params: CalendarRulesRequest; reply: CalendarRulesReply };
  "Calendar.SetOverride": { params: OverrideRequest; reply: HolidaysReply };
  "Calendar.SetRules": { params: CalendarRules; reply: CalendarRulesReply };
  "Catalog.Export": { params: FormatRequest; reply: ExportReply };
  "Catalog.Get": { params: ProcedureRequest; reply: ProcedureReply };
  "Catalog.Import": { params: ImportRequest; reply: ImportReply };
  "Catalog.List": { params: CatalogQuery; reply: CatalogList };
  "Catalog.Save": { params: SaveProcedureRequest; reply: ProcedureReply };
  "Complaints.Answer": { params: AnswerComplaintRequest; reply: ComplaintReply };
  "Complaints.AskMore": { params: AskMoreComplaintRequest; reply: ComplaintReply };
  "Complaints.Classify": { params: ClassifyComplaintRequest; reply: ComplaintReply };
  "Complaints.Get": { params: ComplaintRequest; reply: ComplaintReply };
  "Complaints.Limits": { params: LimitsRequest; reply: LimitsReply };
  "Complaints.List": { params: ComplaintsRequest; reply: ComplaintsReply };
  "Complaints.Publish": { params: PublishComplaintRequest; reply: ComplaintReply };
  "Complaints.Rate": { params: RateComplaintRequest; reply: ComplaintReply };
  "Complaints.Receive": { params: ReceiveComplaintRequest; reply: ComplaintReply };
  "Complaints.Refuse": { params: RefuseComplaintRequest; reply: ComplaintReply };
  "Complaints.SetLimits": { params: LimitsSet; reply: LimitsReply };
  "Dossiers.Act": { params: ActRequest; reply: DossierReply };
  "Dossiers.Citizen": { params: CitizenRequest; reply: CitizenReply };
  "Dossiers.Get": { params: DossierRequest; reply: DossierReply };
  "Dossiers.History": { params: DossierRequest; reply: SubjectHistory };
  "Dossiers.Intakes": { params: IntakesRequest; reply: IntakesReply };
  "Dossiers.Queue": { params: undefined; reply: QueueReply };
  "Dossiers.RatingScale": { params: undefined; reply: ScaleReply };
  "Dossiers.Receive": { params: ReceiveRequest; reply: ReceiveReply };
  "Dossiers.Reusable": { params: ReusableRequest; reply: ReusableReply };
  "Dossiers.Search": { params: SearchRequest; reply: SearchReply };
  "Dossiers.SetRatingScale": { params: ScaleReply; reply: ScaleReply };
  "Fees.Book": { params: FeeBookRequest; reply: FeeBook };
  "Fees.Export": { params: FeeBookRequest; reply: ReportFile };
  "Fees.Pay": { params: PayRequest; reply: FeeStatus };
  "Fees.Quote": { params: QuoteRequest; reply: QuoteReply };
  "Fees.Status": { params: DossierRequest; reply: FeeStatus };
  "Files.Get": { params: FileRequest; reply: FileReply };
  "Files.Put": { params: FilePutRequest; reply: Ref };
  "Inspections.AddFinding": { params: InspectionFindingRequest; reply: InspectionReply };
  "Inspections.Answer": { params: FindingAnswerRequest; reply: InspectionReply };
  "Inspections.Check": { params: CheckItemRequest; reply: InspectionReply };
  "Inspections.Close": { params: FindingDecisionRequest; reply: InspectionReply };
  "Inspections.Get": { params: InspectionRequest; reply: InspectionReply };
  "Inspections.List": { params: InspectionsRequest; reply: InspectionsReply };
  "Inspections.Overdue": { params: InspectionOverdueRequest; reply: InspectionOverdueReply };
  "Inspections.Plan": { params: PlanInspectionRequest; reply: InspectionReply };
  "Inspections.Print": { params: InspectionRequest; reply: FormReply };
  "Inspections.Reopen": { params: FindingDecisionRequest; reply: InspectionReply };
  "Iso.Actions": { params: ActionsRequest; reply: ActionsReply };
  "Iso.AddFinding": { params: AddFindingRequest; reply: AuditReply };
  "Iso.ApproveDisposal": { params: ApproveDisposalRequest; reply: DisposalsReply };
  "Iso.ApproveProcess": { params: ApproveProcessRequest; reply: ProcessReply };
  "Iso.Audit": { params: AuditRequest; reply: AuditReply };
  "Iso.Audits": { params: AuditsRequest; reply: AuditsReply };
  "Iso.CheckEffectiveness": { params: ActionRequest; reply: ActionItem };
  "Iso.CloseAction": { params: ActionRequest; reply: ActionItem };
  "Iso.DisposalDue": { params: DisposalDueRequest; reply: DisposalDueReply };
  "Iso.Disposals": { params: RegisterRequest; reply: DisposalsReply };
  "Iso.DraftProcess": { params: DraftProcessRequest; reply: ProcessReply };
  "Iso.Nonconformities": { params: NCListRequest; reply: NCListReply };
  "Iso.Nonconformity": { params: NCRequest; reply: NCReply };
  "Iso.ObjectiveDossiers": { params: ObjectiveDrillRequest; reply: DrillReply };
  "Iso.Objectives": { params: ObjectivesRequest; reply: ObjectivesReply };
  "Iso.OpenAction": { params: OpenActionRequest; reply: ActionItem };
  "Iso.PlanAudit": { params: PlanAuditRequest; reply: AuditReply };
  "Iso.PrintAudit": { params: AuditRequest; reply: FormReply };
  "Iso.PrintProcess": { params: PrintProcessRequest; reply: FormReply };
  "Iso.PrintRegister": { params: RegisterRequest; reply: FormReply };
  "Iso.PrintReview": { params: PrintReviewRequest; reply: FormReply };
  "Iso.PrintYearReport": { params: PrintYearReportRequest; reply: FormReply };
  "Iso.Process": { params: ProcessRequest; reply: ProcessReply };
  "Iso.Processes": { params: ProcessesRequest; reply: ProcessesReply };
  "Iso.Programme": { params: ProgrammeRequest; reply: ProgrammeReply };
  "Iso.RaiseNonconformity": { params: RaiseNCRequest; reply: NCReply };
  "Iso.RecordCheck": { params: RecordCheckRequest; reply: AuditReply };
  "Iso.RecordObjectiveValue": { params: ObjectiveValueRequest; reply: ObjectiveResult };
  "Iso.RecordReview": { params: RecordReviewRequest; reply: Review };
  "Iso.Register": { params: RegisterRequest; reply: RegisterReply };
  "Iso.ReportAudit": { params: ReportAuditRequest; reply: AuditReply };
  "Iso.ReviewInputs": { params: ReviewInputsRequest; reply: ReviewInputs };
  "Iso.ReviewNonconformity": { params: ReviewNCRequest; reply: NCReply };
  "Iso.Reviews": { params: ReviewsRequest; reply: ReviewsReply };
  "Iso.SetObjective": { params: SetObjectiveRequest; reply: ObjectiveResult };
  "Iso.SetPolicy": { params: PolicyRequest; reply: Policy };
  "Iso.SetProgramme": { params: SetProgrammeRequest; reply: ProgrammeReply };
  "Iso.SetRegister": { params: SetRegisterRequest; reply: RegisterReply };
  "Iso.Summary": { params: SummaryRequest; reply: IsoSummary };
  "Iso.Tree": { params: TreeRequest; reply: TreeReply };
  "Iso.UpdateAction": { params: UpdateActionRequest; reply: ActionItem };
  "Offices.Get": { params: CodeRequest; reply: OfficeRecord };
  "Offices.List": { params: undefined; reply: OfficeList };
  "Offices.Save": { params: OfficeRecord; reply: OfficeRecord };
  "Plans.Acknowledge": { params: AcknowledgeRequest; reply: ReminderItem };
  "Plans.BreakDown": { params: BreakDownRequest; reply: PlanReply };
  "Plans.ExportMatrix": { params: MatrixExportRequest; reply: FormReply };
  "Plans.Get": { params: PlanRequest; reply: PlanReply };
  "Plans.List": { params: PlanListRequest; reply: PlanList };
  "Plans.Matrix": { params: MatrixRequest; reply: MatrixReply };
  "Plans.Progress": { params: ProgressRequest; reply: Progress };
  "Plans.Publish": { params: PublishRequest; reply: PlanReply };
  "Plans.Remind": { params: RemindRequest; reply: Reminder };
  "Plans.Reminders": { params: RemindersRequest; reply: RemindersReply };
  "Print.Book": { params: BookRequest; reply: FormReply };
  "Print.FeeBook": { params: FeeBookRequest; reply: FormReply };
  "Print.Form": { params: FormRequest; reply: FormReply };
  "Print.ResetTemplate": { params: ResetTemplateRequest; reply: TemplatesReply };
  "Print.SetSettings": { params: SetSettingsRequest; reply: PrintSettingsReply };
  "Print.SetTemplate": { params: SetTemplateRequest; reply: TemplatesReply };
  "Print.Settings": { params: PrintSettingsRequest; reply: PrintSettingsReply };
  "Print.Templates": { params: TemplatesRequest; reply: TemplatesReply };
  "Quarterly.Draft": { params: QuarterRequest; reply: Report };
  "Quarterly.Export": { params: QuarterExportRequest; reply: ReportFile };
  "Quarterly.Get": { params: QuarterVersionRequest; reply: Report };
  "Quarterly.List": { params: QuarterListRequest; reply: QuarterList };
  "Quarterly.Submit": { params: SubmitQuarterRequest; reply: Report };
  "Quarterly.Versions": { params: QuarterRequest; reply: QuarterVersions };
  "Records.AccessLog": { params: AccessLogRequest; reply: AccessLogReply };
  "Records.History": { params: SubjectRequest; reply: SubjectHistory };
  "Records.Verify": { params: VerifyRequest; reply: VerifyReply };
  "Reports.Dashboard": { params: ReportRequest; reply: DashboardReply };
  "Reports.Dossiers": { params: DrillRequest; reply: DrillReply };
  "Reports.Export": { params: ExportRequest; reply: ReportFile };
  "Reports.II06a": { params: ReportRequest; reply: II06aReply };
  "Reports.Index": { params: ReportRequest; reply: IndexReply };
  "Reports.IndexExport": { params: IndexExportRequest; reply: ReportFile };
  "Reports.Reconciliation": { params: ReportRequest; reply: ReconciliationReply };
  "Reports.Rules": { params: RulesRequest; reply: RulesReply };
  "Reports.Satisfaction": { params: ReportRequest; reply: SatisfactionReply };
  "Reports.SetRules": { params: SetRulesRequest; reply: RulesReply };
  "Reports.SetScores": { params: ScoresRequest; reply: SatisfactionReply };
  "Rules.History": { params: RulesHistoryRequest; reply: RulesHistoryReply };
  "Setup.Office": { params: SetupRequest; reply: LoginReply };
  "Setup.Status": { params: undefined; reply: SetupStatus };
  "Sync.Accept": { params: AcceptRequest; reply: SyncStatus };
  "Sync.ExportBundle": { params: BundleExportRequest; reply: BundleFile };
  "Sync.ImportBundle": { params: BundleImportRequest; reply: BundleResult };
  "Sync.Issue": { params: IssueRequest; reply: IssueReply };
  "Sync.Now": { params: undefined; reply: SyncStatus };
  "Sync.Revoke": { params: RevokeRequest; reply: SyncStatus };
  "Sync.SetBudget": { params: BudgetRequest; reply: SyncStatus };
  "Sync.Status": { params: undefined; reply: SyncStatus };
  "System.Info": { params: undefined; reply: Info };
  "System.SetDesk": { params: DeskRequest; reply: DeskRequest };
  "System.SetLanguage": { params: LanguageRequest; reply: LanguageRequest };
  "Users.Colleagues": { params: undefined; reply: ColleaguesReply };
  "Users.Directory": { params: undefined; reply: {
    users: DirectoryEntry[];
  } };
  "Users.Disable": { params: DisableRequest; reply: UserInfo };
  "Users.Get": { params: IDRequest; reply: UserInfo };
  "Users.List": { params: OfficeFilter; reply: UserList };
  "Users.Save": { params: SaveUserRequest; reply: UserInfo };
  "Users.Unlock": { params: IDRequest; reply: UserInfo };
  "Vault.AcknowledgeRecovery": { params: undefined; reply: VaultStatus };
  "Vault.Setup": { params: PassphraseRequest; reply: RecoveryReply };
  "Vault.Status": { params: undefined; reply: VaultStatus };
  "Vault.Unlock": { params: UnlockRequest; reply: VaultStatus };
}

/** A method's name. */
export type Method = keyof Methods;

/** Every method's name, sorted. */
export const METHODS: readonly Method[] = [
  "Auth.ChangePassword",
  "Auth.Login",
  "Auth.Logout",
  "Auth.Me",
  "Calendar.DueDate",
  "Calendar.Holidays",
  "Calendar.RemoveOverride",
  "Calendar.Rules",
  "Calendar.SetOverride",
  "Calendar.SetRules",
  "Catalog.Export",
  "Catalog.Get",
  "Catalog.Import",
  "Catalog.List",
  "Catalog.Save",
  "Complaints.Answer",
  "Complaints.AskMore",
  "Complaints.Classify",
  "Complaints.Get",
  "Complaints.Limits",
  "Complaints.List",
  "Complaints.Publish",
  "Complaints.Rate",
  "Complaints.Receive",
  "Complaints.Refuse",
  "Complaints.SetLimits",
  "Dossiers.Act",
  "Dossiers.Citizen",
  "Dossiers.Get",
  "Dossiers.History",
  "Dossiers.Intakes",
  "Dossiers.Queue",
  "Dossiers.RatingScale",
  "Dossiers.Receive",
  "Dossiers.Reusable",
  "Dossiers.Search",
  "Dossiers.SetRatingScale",
  "Fees.Book",
  "Fees.Export",
  "Fees.Pay",
  "Fees.Quote",
  "Fees.Status",
  "Files.Get",
  "Files.Put",
  "Inspections.AddFinding",
  "Inspections.Answer",
  "Inspections.Check",
  "Inspections.Close",
  "Inspections.Get",
  "Inspections.List",
  "Inspections.Overdue",
  "Inspections.Plan",
  "Inspections.Print",
  "Inspections.Reopen",
  "Iso.Actions",
  "Iso.AddFinding",
  "Iso.ApproveDisposal",
  "Iso.ApproveProcess",
  "Iso.Audit",
  "Iso.Audits",
  "Iso.CheckEffectiveness",
  "Iso.CloseAction",
  "Iso.DisposalDue",
  "Iso.Disposals",
  "Iso.DraftProcess",
  "Iso.Nonconformities",
  "Iso.Nonconformity",
  "Iso.ObjectiveDossiers",
  "Iso.Objectives",
  "Iso.OpenAction",
  "Iso.PlanAudit",
  "Iso.PrintAudit",
  "Iso.PrintProcess",
  "Iso.PrintRegister",
  "Iso.PrintReview",
  "Iso.PrintYearReport",
  "Iso.Process",
  "Iso.Processes",
  "Iso.Programme",
  "Iso.RaiseNonconformity",
  "Iso.RecordCheck",
  "Iso.RecordObjectiveValue",
  "Iso.RecordReview",
  "Iso.Register",
  "Iso.ReportAudit",
  "Iso.ReviewInputs",
  "Iso.ReviewNonconformity",
  "Iso.Reviews",
  "Iso.SetObjective",
  "Iso.SetPolicy",
  "Iso.SetProgramme",
  "Iso.SetRegister",
  "Iso.Summary",
  "Iso.Tree",
  "Iso.UpdateAction",
  "Offices.Get",
  "Offices.List",
  "Offices.Save",
  "Plans.Acknowledge",
  "Plans.BreakDown",
  "Plans.ExportMatrix",
  "Plans.Get",
  "Plans.List",
  "Plans.Matrix",
  "Plans.Progress",
  "Plans.Publish",
  "Plans.Remind",
  "Plans.Reminders",
  "Print.Book",
  "Print.FeeBook",
  "Print.Form",
  "Print.ResetTemplate",
  "Print.SetSettings",
  "Print.SetTemplate",
  "Print.Settings",
  "Print.Templates",
  "Quarterly.Draft",
  "Quarterly.Export",
  "Quarterly.Get",
  "Quarterly.List",
  "Quarterly.Submit",
  "Quarterly.Versions",
  "Records.AccessLog",
  "Records.History",
  "Records.Verify",
  "Reports.Dashboard",
  "Reports.Dossiers",
  "Reports.Export",
  "Reports.II06a",
  "Reports.Index",
  "Reports.IndexExport",
  "Reports.Reconciliation",
  "Reports.Rules",
  "Reports.Satisfaction",
  "Reports.SetRules",
  "Reports.SetScores",
  "Rules.History",
  "Setup.Office",
  "Setup.Status",
  "Sync.Accept",
  "Sync.ExportBundle",
  "Sync.ImportBundle",
  "Sync.Issue",
  "Sync.Now",
  "Sync.Revoke",
  "Sync.SetBudget",
  "Sync.Status",
  "System.Info",
  "System.SetDesk",
  "System.SetLanguage",
  "Users.Colleagues",
  "Users.Directory",
  "Users.Disable",
  "Users.Get",
  "Users.List",
  "Users.Save",
  "Users.Unlock",
  "Vault.AcknowledgeRecovery",
  "Vault.Setup",
  "Vault.Status",
  "Vault.Unlock",
];

/** hoso/app.AcceptRequest. */
export interface AcceptRequest {
  text: string;
}

/** hoso/app.AccessAction. */
export type AccessAction =
  | "export"
  | "read";

/** hoso/app.AccessEntry. */
export interface AccessEntry {
  id: string;
  at: string;
  actor: string;
  name: string;
  roles: AppRole[];
  office: string;
  action: AccessAction;
  method: string;
  scope: string;
  form?: string;
  for: string;
  events?: number;
  rows?: number;
  hlc: number;
}

/** hoso/app.AccessLogReply. */
export interface AccessLogReply {
  items: AccessEntry[];
  total: number;
  page: number;
  pageSize: number;
  more: boolean;
}

/** hoso/app.AccessLogRequest. */
export interface AccessLogRequest {
  from: string;
  to: string;
  page: number;
  pageSize: number;
}

/** hoso/app.AcknowledgeRequest. */
export interface AcknowledgeRequest {
  reminder: string;
  office: string;
}

/** hoso/complaint.Act. */
export interface Act {
  by: string;
  at: string;
  text?: string;
}

/** hoso/app.ActRequest. */
export interface ActRequest {
  code: string;
  action: string;
  body: unknown;
}

/** hoso/iso.ActionChecked. */
export interface ActionChecked {
  effective: boolean;
  recurred?: string[];
  note?: string;
  by: string;
  at: string;
}

/** hoso/iso.ActionClosed. */
export interface ActionClosed {
  note?: string;
  by: string;
  at: string;
}

/** hoso/app.ActionItem. */
export interface ActionItem {
  id: string;
  office: string;
  nc: string;
  process?: string;
  analysis: string;
  category: string;
  action: string;
  owner: string;
  due: string;
  checkDays: number;
  by: string;
  at: string;
  evidence?: IsoEvidence[];
  closed?: ActionClosed;
  check?: ActionChecked;
  overdue: boolean;
  checkFrom?: string;
}

/** hoso/app.ActionRequest. */
export interface ActionRequest {
  id: string;
  note: string;
}

/** hoso/iso.ActionSummary. */
export interface ActionSummary {
  open: number;
  overdue: number;
  closed: number;
  effective: number;
}

/** hoso/app.ActionsReply. */
export interface ActionsReply {
  office: string;
  items: ActionItem[];
  overdue: number;
  categories: CauseCategory[];
}

/** hoso/app.ActionsRequest. */
export interface ActionsRequest {
  office: string;
  state: string;
}

/** hoso/app.AddFindingRequest. */
export interface AddFindingRequest {
  audit: string;
  id: string;
  kind: FindingKind;
  clause: string;
  process: string;
  title: string;
  description: string;
  evidence: AuditEvidence[];
}

/** hoso/app.AddedEvent. */
export interface AddedEvent {
  kind: string;
  at: string;
  actor: string;
  office: string;
}

/** hoso/calendar.AdjacentChoice. */
export type AdjacentChoice =
  | "before"
  | "after"
  | "bridge";

/** hoso/calendar.AdjacentDayRule. */
export interface AdjacentDayRule {
  anchorMonth: number;
  anchorDay: number;
  choice: AdjacentChoice;
  name: string;
  nameEn: string;
  from?: number;
  to?: number;
}

/** hoso/app.AdminAccount. */
export interface AdminAccount {
  username: string;
  fullName: string;
  password: string;
}

/** hoso/complaint.Answer. */
export interface Answer {
  by: string;
  at: string;
  text?: string;
  files?: Ref[];
  publishDue: string;
  limitsVersion?: string;
}

/** hoso/app.AnswerComplaintRequest. */
export interface AnswerComplaintRequest {
  id: string;
  text: string;
  files: Ref[];
}

/** hoso/app.Role. */
export type AppRole =
  | "clerk"
  | "officer"
  | "leader"
  | "admin"
  | "inspector";

/** hoso/dossier.Applicant. */
export interface Applicant {
  kind?: ApplicantKind;
  fullName: string;
  citizenId: string;
  orgId?: string;
  address: string;
  phone: string;
  email: string;
  representative?: Representative;
}

/** hoso/dossier.ApplicantKind. */
export type ApplicantKind =
  | "person"
  | "organisation";

/** hoso/dossier.Appraisal. */
export interface Appraisal {
  opinion: Opinion;
  note?: string;
  by: string;
  at: string;
}

/** hoso/app.AppraisalNote. */
export interface AppraisalNote {
  event: string;
  opinion: Opinion;
  note?: string;
  by: string;
}

/** hoso/app.ApproveDisposalRequest. */
export interface ApproveDisposalRequest {
  class: string;
  codes: string[];
  asOf: string;
  reason: string;
}

/** hoso/app.ApproveProcessRequest. */
export interface ApproveProcessRequest {
  procedure: string;
  revision: number;
  seen: number;
  inForce: string;
}

/** hoso/app.AskMoreComplaintRequest. */
export interface AskMoreComplaintRequest {
  id: string;
  what: string;
}

/** hoso/plan.Assignee. */
export interface Assignee {
  office?: string;
  kind?: string;
  unit?: string;
}

/** hoso/app.Attention. */
export type Attention =
  | "no_process"
  | "missed_objective"
  | "overdue_action"
  | "no_audit"
  | "no_review";

/** hoso/iso.Audit. */
export interface Audit {
  plan: AuditPlan;
  checks: Record<string, Check>;
  findings: Finding[];
  report?: AuditReport;
  conflicts: AuditConflict[];
  version: number;
}

/** hoso/iso.AuditConflict. */
export interface AuditConflict {
  item: string;
  finding?: boolean;
  kept: string;
  lost: string;
}

/** hoso/iso.AuditEvidence. */
export interface AuditEvidence {
  kind: AuditEvidenceKind;
  ref: string;
  note?: string;
}

/** hoso/iso.AuditEvidenceKind. */
export type AuditEvidenceKind =
  | "dossier"
  | "print"
  | "record";

/** hoso/app.AuditInfo. */
export interface AuditInfo {
  id: string;
  title: string;
  from: string;
  to: string;
  entry?: string;
  auditors: string[];
  checks: number;
  findings: number;
  reported?: string;
  summary: AuditSummary;
}

/** hoso/iso.AuditPlan. */
export interface AuditPlan {
  id: string;
  office: string;
  title: string;
  entry?: string;
  clauses: string[];
  processes: string[];
  auditors: string[];
  lead: string;
  from: string;
  to: string;
  periodFrom: string;
  periodTo: string;
}

/** hoso/app.AuditReply. */
export interface AuditReply {
  subject: string;
  audit: Audit;
  checklist: CheckItem[];
  names: Record<string, string>;
  editable: boolean;
}

/** hoso/iso.AuditReport. */
export interface AuditReport {
  conclusion: string;
  by?: string;
  at: string;
}

/** hoso/app.AuditRequest. */
export interface AuditRequest {
  office: string;
  id: string;
}

/** hoso/iso.AuditSummary. */
export interface AuditSummary {
  last?: unknown;
  audits: number;
  findings: number;
  nonconformities: number;
}

/** hoso/app.AuditsReply. */
export interface AuditsReply {
  office: string;
  audits: AuditInfo[];
}

/** hoso/app.AuditsRequest. */
export interface AuditsRequest {
  office: string;
  year: number;
}

/** hoso/dossier.Book. */
export interface Book {
  volume: string;
  number: number;
  book?: string;
}

/** hoso/app.BookDef. */
export interface BookDef {
  id: string;
  name: string;
  sectors: string[];
}

/** hoso/app.BookRequest. */
export interface BookRequest {
  office: string;
  from: string;
  to: string;
  book: string;
}

/** hoso/app.BreakDownRequest. */
export interface BreakDownRequest {
  parent: TaskRef;
  plan: Plan;
}

/** hoso/app.BudgetRequest. */
export interface BudgetRequest {
  bytes: number;
}

/** hoso/app.BundleExportRequest. */
export interface BundleExportRequest {
  peer: string;
  all: boolean;
  files: boolean;
}

/** hoso/app.BundleFile. */
export interface BundleFile {
  filename: string;
  content: string;
  events: number;
  added: number;
  bytes: number;
  files?: number;
  fileBytes?: number;
  filesLeft?: number;
  skipped?: BundleSkip[];
}

/** hoso/app.BundleImportRequest. */
export interface BundleImportRequest {
  content: string;
}

/** hoso/app.BundleResult. */
export interface BundleResult {
  events: number;
  added: number;
  bytes: number;
  files?: number;
  fileBytes?: number;
  filesLeft?: number;
  skipped?: BundleSkip[];
}

/** hoso/app.BundleSkip. */
export interface BundleSkip {
  reason: string;
  events: number;
  subjects: number;
  listed: string[];
}

/** hoso/calendar.Kind. */
export type CalendarKind =
  | "statutory"
  | "tet"
  | "makeup"
  | "extra";

/** hoso/app.CalendarRuleVersion. */
export interface CalendarRuleVersion {
  rules: Calendar_Rules;
  due: DueRules;
  basis: string;
  effective: string;
  office: string;
  version: number;
  actor: string;
  recordedAt: string;
}

/** hoso/app.CalendarRules. */
export interface CalendarRules {
  rules: Calendar_Rules;
  due: DueRules;
  basis: string;
  effective: string;
}

/** hoso/app.CalendarRulesReply. */
export interface CalendarRulesReply {
  office: string;
  inForce: CalendarRuleVersion;
  timeline: CalendarRuleVersion[];
  own: CalendarRuleVersion[];
}

/** hoso/app.CalendarRulesRequest. */
export interface CalendarRulesRequest {
  office: string;
}

/** hoso/calendar.Rules. */
export interface Calendar_Rules {
  workingWeekdays: number[];
  solar: SolarHoliday[];
  lunar: LunarHoliday[];
  tet: TetRule[];
  nationalDayExtra: AdjacentDayRule[];
  makeUp: MakeUpPolicy;
}

/** hoso/iso.CatalogChange. */
export interface CatalogChange {
  procedure: string;
  name: string;
  version: number;
  at: string;
}

/** hoso/app.CatalogList. */
export interface CatalogList {
  procedures: ProcedureSummary[];
  sectors: string[];
}

/** hoso/app.CatalogQuery. */
export interface CatalogQuery {
  query: string;
  sector: string;
}

/** hoso/catalog.Role. */
export type CatalogRole =
  | "clerk"
  | "officer"
  | "leader"
  | "agency";

/** hoso/complaint.Category. */
export type Category =
  | "rules"
  | "procedure"
  | "conduct";

/** hoso/iso.CauseCategory. */
export interface CauseCategory {
  code: string;
  vi: string;
  en: string;
}

/** hoso/dossier.Change. */
export interface Change {
  field: string;
  old: string;
  new: string;
}

/** hoso/iso.Check. */
export interface Check {
  item: string;
  result: CheckResult;
  note?: string;
  evidence: AuditEvidence[];
  by?: string;
  at: string;
  replaces?: string;
}

/** hoso/iso.CheckItem. */
export interface CheckItem {
  id: string;
  clause: string;
  process?: string;
  question: string;
}

/** hoso/app.CheckItemRequest. */
export interface CheckItemRequest {
  office: string;
  inspection: string;
  item: string;
  result: ItemResult;
  note: string;
  evidence: EvidenceRef[];
  finding?: InspectionFindingInput;
}

/** hoso/iso.CheckResult. */
export type CheckResult =
  | "conform"
  | "nonconform"
  | "not_applicable";

/** hoso/inspect.ChecklistItem. */
export interface ChecklistItem {
  id: string;
  text: string;
}

/** hoso/app.CitizenContact. */
export interface CitizenContact {
  fullName: string;
  address: string;
  phone: string;
}

/** hoso/app.CitizenReply. */
export interface CitizenReply {
  citizenId: string;
  province: string;
  known: boolean;
  lastCode?: string;
  lastReceivedAt?: string;
  sameToday: string[];
  contact?: CitizenContact;
}

/** hoso/app.CitizenRequest. */
export interface CitizenRequest {
  citizenId: string;
  procedure: string;
  fill: boolean;
}

/** hoso/complaint.Classification. */
export interface Classification {
  by: string;
  at: string;
  text?: string;
  category: Category;
}

/** hoso/app.ClassifyComplaintRequest. */
export interface ClassifyComplaintRequest {
  id: string;
  category: Category;
}

/** hoso/iso.Clause. */
export interface Clause {
  no: string;
  title: string;
  items: CheckItem[];
}

/** hoso/app.Code. */
export type Code =
  | "internal"
  | "invalid_input"
  | "not_found"
  | "unknown_method"
  | "unauthorized"
  | "forbidden_origin"
  | "not_ready"
  | "data_unavailable"
  | "data_in_use"
  | "not_initialised"
  | "node_unreachable"
  | "locked"
  | "wrong_secret"
  | "vault_state"
  | "key_unavailable"
  | "tampered"
  | "unauthenticated"
  | "forbidden"
  | "bad_login"
  | "account_locked"
  | "account_disabled"
  | "conflict"
  | "import_rejected"
  | "setup_done"
  | "refused"
  | "no_viewer"
  | "bundle_rejected"
  | "bundle_unencrypted"
  | "bundle_not_addressed";

/** hoso/app.CodeRequest. */
export interface CodeRequest {
  code: string;
}

/** hoso/app.Colleague. */
export interface Colleague {
  id: string;
  fullName: string;
  roles: AppRole[];
}

/** hoso/app.ColleaguesReply. */
export interface ColleaguesReply {
  users: Colleague[];
}

/** hoso/iso.Comparison. */
export type Comparison =
  | "gte"
  | "lte";

/** hoso/complaint.Complaint. */
export interface Complaint {
  id: string;
  office: string;
  receivedBy: string;
  clerk: string;
  at: string;
  channel: ComplaintChannel;
  from: Person;
  dossier?: string;
  category?: Category;
  text: string;
  due: Dues;
  limitsVersion?: string;
  state: State;
  refusal?: Act;
  more?: Act[];
  answer?: Answer;
  published?: Act;
  rating?: ComplaintRating;
  classified?: Classification;
}

/** hoso/complaint.Channel. */
export type ComplaintChannel =
  | "desk"
  | "province"
  | "portal"
  | "phone"
  | "mail";

/** hoso/app.ComplaintInfo. */
export interface ComplaintInfo {
  id: string;
  office: string;
  received: string;
  channel: ComplaintChannel;
  category: Category;
  from: string;
  dossier: string;
  state: State;
  due: Dues;
  late: string[];
  overdue: boolean;
  onTime: boolean;
  rated: boolean;
  satisfied: boolean;
}

/** hoso/complaint.Rating. */
export interface ComplaintRating {
  by: string;
  at: string;
  text?: string;
  satisfied: boolean;
}

/** hoso/app.ComplaintReply. */
export interface ComplaintReply {
  subject: string;
  complaint: Complaint;
  late: string[];
  overdue: boolean;
  onTime: boolean;
  names: Record<string, string>;
  act: boolean;
  nc: string;
}

/** hoso/app.ComplaintRequest. */
export interface ComplaintRequest {
  office: string;
  id: string;
}

/** hoso/app.ComplaintsReply. */
export interface ComplaintsReply {
  office: string;
  complaints: ComplaintInfo[];
  raised: number;
  limits: Limits;
}

/** hoso/app.ComplaintsRequest. */
export interface ComplaintsRequest {
  office: string;
  state: State;
  late: boolean;
}

/** hoso/catalog.Confidence. */
export type Confidence =
  | "law"
  | "practice"
  | "unsure";

/** hoso/dossier.Conflict. */
export interface Conflict {
  id: string;
  kind: DossierKind;
  why: string;
  message: string;
  event: Input;
  resolution?: Resolution;
}

/** hoso/dossier.Consultation. */
export interface Consultation {
  id: string;
  office: string;
  question: string;
  timeWD: number;
  by: string;
  at: string;
  due?: string;
  answeredAt?: string;
  answeredBy?: string;
  answer?: string;
  timing?: Timing;
}

/** hoso/dossier.Correction. */
export interface Correction {
  event: string;
  at: string;
  by: string;
  reason: string;
  changes: Change[];
}

/** hoso/app.DashboardReply. */
export interface DashboardReply {
  office: string;
  period: ReportPeriod;
  targets: Target[];
  onTime: MonthRate[];
  overdue: number;
  dueSoon: number;
  overdueActions: number;
  overdueFixes: number;
  reminders: number;
  complaintsOverdue: number;
  generatedAt: string;
}

/** hoso/dossier.DeadlineReason. */
export type DeadlineReason =
  | "received"
  | "supplement_restart"
  | "rescheduled"
  | "corrected";

/** hoso/app.DeskRequest. */
export interface DeskRequest {
  index: number;
}

/** hoso/app.DirectoryEntry. */
export interface DirectoryEntry {
  id: string;
  fullName: string;
  office: string;
}

/** hoso/app.DisableRequest. */
export interface DisableRequest {
  id: string;
  disabled: boolean;
}

/** hoso/iso.DisposalApproved. */
export interface DisposalApproved {
  id: string;
  office: string;
  class: string;
  retention: number;
  asOf: string;
  codes: string[];
  reason?: string;
  approvedBy: string;
  approvedAt: string;
}

/** hoso/app.DisposalDueReply. */
export interface DisposalDueReply {
  office: string;
  asOf: string;
  classes: DueClass[];
}

/** hoso/app.DisposalDueRequest. */
export interface DisposalDueRequest {
  office: string;
  asOf: string;
}

/** hoso/app.DisposalsReply. */
export interface DisposalsReply {
  office: string;
  decisions: DisposalApproved[];
}

/** hoso/catalog.Document. */
export interface Document {
  name: string;
  form: DocumentForm;
  count: number;
  required: boolean;
  validMonths?: number;
}

/** hoso/catalog.DocumentForm. */
export type DocumentForm =
  | "original"
  | "certified_copy"
  | "copy"
  | "show";

/** hoso/dossier.Dossier. */
export interface Dossier {
  code: string;
  agency: string;
  office: string;
  desk: number;
  book: Book;
  status: DossierStatus;
  national: number;
  procedure: ProcedureRef;
  applicant: Applicant;
  channel: DossierChannel;
  documents?: ReceivedDocument[];
  sets: number;
  formSet?: string;
  extension?: Extension;
  rules?: Record<string, string>;
  receivedAt?: string;
  countFrom?: string;
  due?: string;
  originalDue?: string;
  deadlines?: DossierDeadline[];
  rescheduled: boolean;
  holder: Holder;
  offices?: string[];
  tasks?: DossierTask[];
  consultations?: Consultation[];
  appraisal?: Appraisal;
  supplements?: Supplement[];
  secondSupplement: boolean;
  payments?: Payment[];
  resultFiles?: Ref[];
  feeQuote?: FeeQuoteRecord;
  paused?: Pause;
  steps?: StepRow[];
  result?: Result;
  finishedAt?: string;
  timing?: Timing;
  returnedAt?: string;
  recipient?: string;
  rating?: DossierRating;
  corrections?: Correction[];
  conflicts?: Conflict[];
  resolved?: Conflict[];
  problems?: Problem[];
  timeline?: Entry[];
}

/** hoso/dossier.Channel. */
export type DossierChannel =
  | "in_person"
  | "post"
  | "online";

/** hoso/dossier.Deadline. */
export interface DossierDeadline {
  event: string;
  at: string;
  due: string;
  reason: DeadlineReason;
  note?: string;
}

/** hoso/dossier.Decision. */
export type DossierDecision =
  | "keep"
  | "discard";

/** hoso/dossier.Kind. */
export type DossierKind =
  | "dossier.received"
  | "dossier.handed_over"
  | "dossier.assigned"
  | "dossier.appraised"
  | "dossier.consulted"
  | "dossier.consult_answered"
  | "dossier.transferred"
  | "dossier.task_completed"
  | "dossier.supplement_requested"
  | "dossier.supplement_received"
  | "dossier.payment_requested"
  | "dossier.payment_received"
  | "dossier.refused"
  | "dossier.rescheduled"
  | "dossier.submitted"
  | "dossier.signed"
  | "dossier.result_at_desk"
  | "dossier.returned"
  | "dossier.rated"
  | "dossier.withdrawn"
  | "dossier.stopped"
  | "dossier.corrected"
  | "dossier.conflict_resolved"
  | "dossier.scanned";

/** hoso/dossier.Method. */
export type DossierMethod =
  | "cash"
  | "transfer";

/** hoso/dossier.Rating. */
export interface DossierRating {
  value: string;
  comment?: string;
  event: string;
  at: string;
  by: string;
}

/** hoso/app.DossierReply. */
export interface DossierReply {
  dossier: Dossier;
  allowed: DossierKind[];
  overdue: boolean;
  dueSoon: boolean;
  appraisals: AppraisalNote[];
}

/** hoso/app.DossierRequest. */
export interface DossierRequest {
  code: string;
}

/** hoso/dossier.Status. */
export type DossierStatus =
  | ""
  | "received"
  | "handed_over"
  | "assigned"
  | "appraised"
  | "transferred"
  | "supplement_requested"
  | "payment_requested"
  | "submitted"
  | "signed"
  | "refused"
  | "result_at_desk"
  | "returned"
  | "not_accepted"
  | "withdrawn"
  | "stopped";

/** hoso/app.DossierSummary. */
export interface DossierSummary {
  code: string;
  applicant: string;
  kind: ApplicantKind;
  citizenId: string;
  orgId?: string;
  representative?: Representative;
  procedure: string;
  status: DossierStatus;
  national: number;
  office: string;
  holder: string;
  receivedAt: string;
  due: string;
  overdue: boolean;
  conflicts: number;
}

/** hoso/dossier.Task. */
export interface DossierTask {
  id: string;
  from: Holder;
  office: string;
  task: string;
  timeWD: number;
  at: string;
  due?: string;
  doneAt?: string;
  doneBy?: string;
  note?: string;
  timing?: Timing;
}

/** hoso/app.DraftProcessRequest. */
export interface DraftProcessRequest {
  procedure: string;
}

/** hoso/app.DrillReply. */
export interface DrillReply {
  total: number;
  items: DossierSummary[];
  procedures?: ProcedureName[];
}

/** hoso/app.DrillRequest. */
export interface DrillRequest {
  office: string;
  period: string;
  window: string;
  asOf: string;
  column: string;
  sector: string;
  target: string;
  indicator: string;
  numerator: boolean;
  month: string;
  list: string;
  limit: number;
}

/** hoso/app.DueClass. */
export interface DueClass {
  class: RecordClass;
  records: DueRecord[];
  total: number;
}

/** hoso/app.DueDateReply. */
export interface DueDateReply {
  due: string;
  receptionDay: string;
}

/** hoso/app.DueDateRequest. */
export interface DueDateRequest {
  received: string;
  workingDays: number;
}

/** hoso/app.DueRecord. */
export interface DueRecord {
  code: string;
  procedure: string;
  closed: string;
  dueFrom: string;
}

/** hoso/calendar.DueRules. */
export interface DueRules {
  cutoff: string;
  dueTime: string;
}

/** hoso/complaint.Dues. */
export interface Dues {
  refuse: string;
  askMore: string;
  answer: string;
  publish?: string;
}

/** hoso/inspect.EditConflict. */
export interface EditConflict {
  item: string;
  finding?: boolean;
  kept: string;
  lost: string;
}

/** hoso/dossier.Entry. */
export interface Entry {
  id: string;
  kind: DossierKind;
  at: string;
  actor: string;
  actorOffice: string;
  outcome: Outcome;
  why?: string;
}

/** hoso/inspect.EvidenceRef. */
export interface EvidenceRef {
  kind: EvidenceRefKind;
  ref: string;
}

/** hoso/inspect.EvidenceRefKind. */
export type EvidenceRefKind =
  | "dossier"
  | "print"
  | "record";

/** hoso/app.ExportReply. */
export interface ExportReply {
  filename: string;
  mime: string;
  content: string;
}

/** hoso/app.ExportRequest. */
export interface ExportRequest {
  office: string;
  period: string;
  window: string;
  asOf: string;
  format: string;
}

/** hoso/dossier.Extension. */
export interface Extension {
  limitWD: number;
  reason: string;
}

/** hoso/report.FeeBook. */
export interface FeeBook {
  office: string;
  officeName: string;
  parentName: string;
  place: string;
  desk: number;
  from: string;
  to: string;
  entries: FeeEntry[];
  days: FeeDay[];
  total: FeeTotal;
  generatedAt: string;
  verify: string;
}

/** hoso/app.FeeBookRequest. */
export interface FeeBookRequest {
  office: string;
  desk: number;
  from: string;
  to: string;
}

/** hoso/report.FeeDay. */
export interface FeeDay {
  day: string;
  count: number;
  cashVND: number;
  transferVND: number;
  totalVND: number;
}

/** hoso/report.FeeEntry. */
export interface FeeEntry {
  no: number;
  receipt: string;
  paidAt: string;
  day: string;
  desk: number;
  code: string;
  applicant: string;
  procedure: string;
  method: string;
  amountVND: number;
  clerk: string;
  clerkName: string;
  event: string;
}

/** hoso/catalog.FeeInput. */
export interface FeeInput {
  channel: string;
  pages: number;
  copies: number;
  exemption: string;
}

/** hoso/dossier.FeeQuoteRecord. */
export interface FeeQuoteRecord {
  amountVND: number;
  text: string;
  kind?: string;
  pages?: number;
  copies?: number;
  exemption?: string;
}

/** hoso/catalog.FeeRule. */
export interface FeeRule {
  kind: string;
  vnd?: number;
  per?: string;
  vndPerPage?: number;
  fromPage?: number;
  vndPerPageAfter?: number;
  maxVNDPerCopy?: number;
  onlineVND?: number;
  exemptions?: string[];
  basis?: string;
  effective?: string;
}

/** hoso/app.FeeStatus. */
export interface FeeStatus {
  code: string;
  askedVND: number;
  paidVND: number;
  owedVND: number;
  payments: Payment[];
  receipt?: string;
}

/** hoso/report.FeeTotal. */
export interface FeeTotal {
  count: number;
  cashVND: number;
  transferVND: number;
  totalVND: number;
}

/** hoso/qreport.Figures. */
export interface Figures {
  received: number;
  online: number;
  inPerson: number;
  carried: number;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  pending: number;
  pendingWithin: number;
  pendingOverdue: number;
  targets: Target[];
  satisfaction: Rate;
  onTimeRate: Rate;
  openNCs: number;
  index?: IndexIndicator[];
}

/** hoso/app.FilePutRequest. */
export interface FilePutRequest {
  name: string;
  content: string;
}

/** hoso/app.FileReply. */
export interface FileReply {
  ref: Ref;
  synced: boolean;
  content?: string;
}

/** hoso/app.FileRequest. */
export interface FileRequest {
  subject: string;
  id: string;
}

/** hoso/iso.Finding. */
export interface Finding {
  id: string;
  kind: FindingKind;
  clause: string;
  process?: string;
  title: string;
  description?: string;
  evidence: AuditEvidence[];
  by?: string;
  at: string;
  nc?: string;
  replaces?: string;
}

/** hoso/app.FindingAnswerRequest. */
export interface FindingAnswerRequest {
  office: string;
  inspection: string;
  finding: string;
  text: string;
  evidence: EvidenceRef[];
}

/** hoso/app.FindingDecisionRequest. */
export interface FindingDecisionRequest {
  office: string;
  inspection: string;
  finding: string;
  note: string;
}

/** hoso/iso.FindingKind. */
export type FindingKind =
  | "nonconformity"
  | "observation"
  | "improvement";

/** hoso/inspect.FindingRecord. */
export interface FindingRecord {
  id: string;
  item: string;
  text: string;
  fix: Remedy;
  by?: string;
  at: string;
  replaces?: string;
  answers: OfficeAnswer[];
  state: FindingState;
  decisions: Ruling[];
}

/** hoso/inspect.FindingState. */
export type FindingState =
  | "open"
  | "answered"
  | "closed"
  | "reopened";

/** hoso/app.FormReply. */
export interface FormReply {
  filename: string;
  mime: string;
  content: string;
  reprint: number;
  verify: string;
  template: string;
  set: string;
  form: string;
}

/** hoso/app.FormRequest. */
export interface FormRequest {
  form: string;
  code: string;
  intake: string;
  copies: number;
}

/** hoso/app.FormatRequest. */
export interface FormatRequest {
  format: string;
}

/** hoso/report.Freshness. */
export interface Freshness {
  office: string;
  name: string;
  local: boolean;
  latest?: string;
  lastSync?: string;
}

/** hoso/dossier.Holder. */
export interface Holder {
  office: string;
  officer?: string;
}

/** hoso/calendar.Holiday. */
export interface Holiday {
  date: string;
  name: string;
  nameEn: string;
  kind: CalendarKind;
  makesUpFor?: string;
}

/** hoso/app.HolidaysReply. */
export interface HolidaysReply {
  year: number;
  holidays: Holiday[];
  swappedWorkingDays: NamedDate[];
  override: Override | null;
  overrideOffice?: string;
}

/** hoso/app.IDRequest. */
export interface IDRequest {
  id: string;
}

/** hoso/app.II06aReply. */
export interface II06aReply {
  office: string;
  officeName: string;
  period: ReportPeriod;
  rules: ReportRules;
  offices: OfficeRef[];
  rows: unknown[];
  total: unknown;
  freshness: Freshness[];
  asOf: string;
  receiver: string;
  withdrawn: number;
  stopped: number;
  endedPlacement: string;
  verify: string;
  generatedAt: string;
}

/** hoso/app.ImportReply. */
export interface ImportReply {
  imported: number;
  changed: number;
  unchanged: number;
}

/** hoso/app.ImportRequest. */
export interface ImportRequest {
  format: string;
  content: string;
  encoding: string;
}

/** hoso/app.IndexExportRequest. */
export interface IndexExportRequest {
  office: string;
  period: string;
  window: string;
  asOf: string;
  format: string;
}

/** hoso/report.IndexIndicator. */
export interface IndexIndicator {
  id: string;
  title: string;
  measure: string;
  value: number;
  numerator: number;
  denominator: number;
  known: boolean;
  score: number;
  max: number;
  full: number;
  note: string;
}

/** hoso/app.IndexProcedure. */
export interface IndexProcedure {
  procedure: string;
  resolved: number;
  days: number;
  name: string;
}

/** hoso/app.IndexReply. */
export interface IndexReply {
  office: string;
  officeName: string;
  period: ReportPeriod;
  version: string;
  indicators: IndexIndicator[];
  score: number;
  max: number;
  procedures: IndexProcedure[];
  asOf: string;
  verify: string;
  generatedAt: string;
}

/** hoso/report.IndexRule. */
export interface IndexRule {
  id: string;
  measure: string;
  title: string;
  max: number;
  full: number;
}

/** hoso/report.IndexRules. */
export interface IndexRules {
  version: string;
  indicators: IndexRule[];
}

/** hoso/report.Indicator. */
export interface Indicator {
  key: string;
  name: string;
  auto?: string;
  officer: boolean;
}

/** hoso/app.Info. */
export interface Info {
  version: string;
  office: Office;
  peerId: string;
  dataDir: string;
  language: string;
  syncState: string;
  desk: number;
}

/** hoso/dossier.Input. */
export interface Input {
  kind: DossierKind;
  body: string;
  actor: string;
  actorOffice: string;
  office: string;
  at: string;
  origin: string;
  seq: number;
  id: string;
}

/** hoso/inspect.Inspection. */
export interface Inspection {
  plan: VisitPlan;
  checks: Record<string, ItemCheck>;
  findings: FindingRecord[];
  conflicts: EditConflict[];
  version: number;
}

/** hoso/app.InspectionFindingInput. */
export interface InspectionFindingInput {
  id: string;
  text: string;
  owner: string;
  due: string;
}

/** hoso/app.InspectionFindingRequest. */
export interface InspectionFindingRequest {
  office: string;
  inspection: string;
  item: string;
  id: string;
  text: string;
  owner: string;
  due: string;
}

/** hoso/app.InspectionInfo. */
export interface InspectionInfo {
  id: string;
  office: string;
  inspectorOffice: string;
  inspector: string;
  date: string;
  title: string;
  findings: number;
  open: number;
  overdue: number;
}

/** hoso/app.InspectionOverdueReply. */
export interface InspectionOverdueReply {
  office: string;
  offices: InspectionOverdueRow[];
  total: InspectionOverdueRow;
}

/** hoso/app.InspectionOverdueRequest. */
export interface InspectionOverdueRequest {
  office: string;
}

/** hoso/app.InspectionOverdueRow. */
export interface InspectionOverdueRow {
  office: string;
  open: number;
  overdue: number;
}

/** hoso/app.InspectionReply. */
export interface InspectionReply {
  subject: string;
  inspection: Inspection;
  names: Record<string, string>;
  overdue: string[];
  unfounded: string[];
  inspect: boolean;
  answer: boolean;
  owners: UserInfo[];
}

/** hoso/app.InspectionRequest. */
export interface InspectionRequest {
  office: string;
  id: string;
}

/** hoso/app.InspectionsReply. */
export interface InspectionsReply {
  office: string;
  inspections: InspectionInfo[];
  canPlan: boolean;
}

/** hoso/app.InspectionsRequest. */
export interface InspectionsRequest {
  office: string;
}

/** hoso/app.IntakeAttempt. */
export interface IntakeAttempt {
  id: string;
  office: string;
  procedure: ProcedureRef;
  applicant: Applicant;
  channel: DossierChannel;
  documents: ReceivedDocument[];
  missing: string[];
  note: string;
  contact: string;
  clerk: string;
  at: string;
  formSet?: string;
}

/** hoso/app.IntakesReply. */
export interface IntakesReply {
  items: IntakeAttempt[];
  total: number;
  page: number;
  pageSize: number;
  more: boolean;
}

/** hoso/app.IntakesRequest. */
export interface IntakesRequest {
  from: string;
  to: string;
  page: number;
  pageSize: number;
}

/** hoso/catalog.Interagency. */
export type Interagency =
  | "none"
  | "same_level"
  | "cross_level";

/** hoso/iso.Evidence. */
export interface IsoEvidence {
  text?: string;
  dossiers?: string[];
  by: string;
  at: string;
}

/** hoso/iso.Status. */
export type IsoStatus =
  | "met"
  | "at_risk"
  | "missed"
  | "no_data";

/** hoso/app.IsoSummary. */
export interface IsoSummary {
  office: string;
  year: number;
  processes: ProcessCounts;
  objectives: SummaryObjective[];
  nonconformities: NCSummary;
  actions: ActionSummary;
  lastAudit: string | null;
  lastReview: string | null;
}

/** hoso/app.IssueReply. */
export interface IssueReply {
  text: string;
  expires: string;
}

/** hoso/app.IssueRequest. */
export interface IssueRequest {
  peer: string;
  office: string;
  role: string;
  days: number;
  hubs: string[];
}

/** hoso/inspect.ItemCheck. */
export interface ItemCheck {
  item: string;
  result: ItemResult;
  note?: string;
  evidence: EvidenceRef[];
  by?: string;
  at: string;
  replaces?: string;
}

/** hoso/inspect.ItemResult. */
export type ItemResult =
  | "pass"
  | "fail"
  | "na";

/** hoso/app.LanguageRequest. */
export interface LanguageRequest {
  language: string;
}

/** hoso/catalog.Level. */
export type Level =
  | "commune"
  | "district"
  | "province";

/** hoso/complaint.Limits. */
export interface Limits {
  refuse: number;
  askMore: number;
  answer: number;
  publish: number;
}

/** hoso/app.LimitsLine. */
export interface LimitsLine {
  limits: Limits;
  basis: string;
  office: string;
  version: number;
  actor: string;
  recordedAt: string;
  officeName: string;
  actorName: string;
}

/** hoso/app.LimitsReply. */
export interface LimitsReply {
  office: string;
  inForce: LimitsLine;
  history: LimitsLine[];
}

/** hoso/app.LimitsRequest. */
export interface LimitsRequest {
  office: string;
}

/** hoso/complaint.LimitsSet. */
export interface LimitsSet {
  limits: Limits;
  basis: string;
}

/** hoso/print.Line. */
export interface Line {
  text?: string;
  indent?: number;
  if?: string;
  unless?: string;
  block?: string;
  columns?: string[];
}

/** hoso/app.LoginReply. */
export interface LoginReply {
  session: string;
  user: UserInfo;
}

/** hoso/app.LoginRequest. */
export interface LoginRequest {
  username: string;
  password: string;
}

/** hoso/calendar.LunarHoliday. */
export interface LunarHoliday {
  month: number;
  day: number;
  name: string;
  nameEn: string;
  from?: number;
  to?: number;
}

/** hoso/calendar.MakeUpPolicy. */
export type MakeUpPolicy =
  | "nextWorkingDay"
  | "none";

/** hoso/app.MatrixExportRequest. */
export interface MatrixExportRequest {
  plan: string;
  quarter: string;
  task: string;
  office: string;
  format: string;
}

/** hoso/app.MatrixOffice. */
export interface MatrixOffice {
  code: string;
  name: string;
  tasks: Record<string, string>;
}

/** hoso/app.MatrixReply. */
export interface MatrixReply {
  plan: string;
  title: string;
  quarter: string;
  tasks: MatrixTask[];
  offices: MatrixOffice[];
}

/** hoso/app.MatrixRequest. */
export interface MatrixRequest {
  plan: string;
  quarter: string;
  task: string;
  office: string;
}

/** hoso/app.MatrixTask. */
export interface MatrixTask {
  id: string;
  title: string;
  deadline: string;
}

/** hoso/plan.Measure. */
export interface Measure {
  figure: string;
  goal: number;
}

/** hoso/iso.Metric. */
export type Metric =
  | "on_time_rate"
  | "satisfaction"
  | "second_supplement_count"
  | "online_share";

/** hoso/iso.MetricDef. */
export interface MetricDef {
  key: Metric;
  unit: Unit;
  comparison: Comparison;
  cumulative: boolean;
  name: string;
}

/** hoso/qreport.MissingOffice. */
export interface MissingOffice {
  code: string;
  name: string;
}

/** hoso/report.MonthRate. */
export interface MonthRate {
  month: string;
  resolved: number;
  onTime: number;
  rate: number;
}

/** hoso/iso.NCClosed. */
export interface NCClosed {
  action?: string;
  note?: string;
  by: string;
  at: string;
}

/** hoso/app.NCItem. */
export interface NCItem {
  id: string;
  office: string;
  source: NCSource;
  cause?: string;
  rule?: string;
  dossier?: string;
  process?: string;
  clause?: string;
  title: string;
  description?: string;
  raisedBy?: string;
  raisedAt: string;
  audit?: string;
  finding?: string;
  raises: number;
  review?: NCReviewed;
  reviews: number;
  conflict?: NCReviewed[];
  actions?: string[];
  closed?: NCClosed;
  state: NCState;
  open: boolean;
}

/** hoso/app.NCListReply. */
export interface NCListReply {
  office: string;
  raised: number;
  items: NCItem[];
}

/** hoso/app.NCListRequest. */
export interface NCListRequest {
  office: string;
  state: string;
  source: NCSource;
  period: string;
}

/** hoso/app.NCReply. */
export interface NCReply {
  id: string;
  office: string;
  source: NCSource;
  cause?: string;
  rule?: string;
  dossier?: string;
  process?: string;
  clause?: string;
  title: string;
  description?: string;
  raisedBy?: string;
  raisedAt: string;
  audit?: string;
  finding?: string;
  raises: number;
  review?: NCReviewed;
  reviews: number;
  conflict?: NCReviewed[];
  actions?: string[];
  closed?: NCClosed;
  state: NCState;
  open: boolean;
  actionItems: ActionItem[];
}

/** hoso/app.NCRequest. */
export interface NCRequest {
  office: string;
  id: string;
}

/** hoso/iso.NCReviewed. */
export interface NCReviewed {
  verdict: Verdict;
  severity?: Severity;
  reason?: string;
  by: string;
  at: string;
  seen: number;
}

/** hoso/iso.NCSource. */
export type NCSource =
  | "late_dossier"
  | "late_step"
  | "second_supplement"
  | "not_satisfied"
  | "apology"
  | "audit"
  | "complaint"
  | "inspection"
  | "manual";

/** hoso/iso.NCState. */
export type NCState =
  | "raised"
  | "accepted"
  | "action"
  | "closed"
  | "rejected";

/** hoso/iso.NCSummary. */
export interface NCSummary {
  open: number;
  closed: number;
  auto: number;
  manual: number;
}

/** hoso/calendar.NamedDate. */
export interface NamedDate {
  date: string;
  name?: string;
  nameEn?: string;
}

/** hoso/iso.Objective. */
export interface Objective {
  id: string;
  revision: number;
  office: string;
  year: number;
  name: string;
  kind: ObjectiveKind;
  metric?: Metric;
  target: number;
  comparison: Comparison;
  unit: Unit;
  note?: string;
  withdrawn?: boolean;
  setBy?: string;
  setAt: string;
}

/** hoso/app.ObjectiveDrillRequest. */
export interface ObjectiveDrillRequest {
  office: string;
  year: number;
  id: string;
  month: string;
  missing: boolean;
  limit: number;
}

/** hoso/iso.ObjectiveKind. */
export type ObjectiveKind =
  | "measured"
  | "manual";

/** hoso/app.ObjectiveMonth. */
export interface ObjectiveMonth {
  month: string;
  value: number;
  known: boolean;
  numerator: number;
  denominator: number;
}

/** hoso/iso.ObjectiveOutcome. */
export interface ObjectiveOutcome {
  id: string;
  name: string;
  kind: ObjectiveKind;
  unit: Unit;
  comparison: Comparison;
  target: number;
  value: number;
  known: boolean;
  status: IsoStatus;
}

/** hoso/app.ObjectiveResult. */
export interface ObjectiveResult {
  objective: Objective;
  value: number;
  known: boolean;
  numerator: number;
  denominator: number;
  status: IsoStatus;
  trend: ObjectiveMonth[];
  values: ObjectiveValue[];
  conflicts: number;
}

/** hoso/iso.ObjectiveValue. */
export interface ObjectiveValue {
  id: string;
  office: string;
  year: number;
  month: string;
  value: number;
  note: string;
  recordedBy?: string;
  recordedAt: string;
}

/** hoso/app.ObjectiveValueRequest. */
export interface ObjectiveValueRequest {
  year: number;
  id: string;
  month: string;
  value: number;
  note: string;
}

/** hoso/app.ObjectivesReply. */
export interface ObjectivesReply {
  office: string;
  year: number;
  policy: Policy | null;
  policyConflicts: number;
  objectives: ObjectiveResult[];
  metrics: MetricDef[];
  asOf: string;
}

/** hoso/app.ObjectivesRequest. */
export interface ObjectivesRequest {
  office: string;
  year: number;
}

/** hoso/app.Office. */
export interface Office {
  code: string;
  name: string;
}

/** hoso/inspect.OfficeAnswer. */
export interface OfficeAnswer {
  finding: string;
  text: string;
  evidence: EvidenceRef[];
  by?: string;
  at: string;
}

/** hoso/app.OfficeFilter. */
export interface OfficeFilter {
  office: string;
}

/** hoso/app.OfficeList. */
export interface OfficeList {
  offices: OfficeRecord[];
}

/** hoso/app.OfficeRecord. */
export interface OfficeRecord {
  code: string;
  name: string;
  parent: string;
  agencyId: string;
  header?: string;
  phone?: string;
  ended?: string;
  version: number;
}

/** hoso/app.OfficeRef. */
export interface OfficeRef {
  code: string;
  name: string;
  parent: string;
}

/** hoso/app.OpenActionRequest. */
export interface OpenActionRequest {
  nc: string;
  analysis: string;
  category: string;
  action: string;
  owner: string;
  due: string;
  checkDays?: number;
}

/** hoso/dossier.Opinion. */
export type Opinion =
  | "approve"
  | "refuse"
  | "supplement";

/** hoso/dossier.Outcome. */
export type Outcome =
  | "applied"
  | "conflict"
  | "problem"
  | "kept"
  | "discarded";

/** hoso/calendar.Override. */
export interface Override {
  year: number;
  tetDays?: string[];
  nationalDayExtra?: string;
  extraDaysOff?: NamedDate[];
  swappedWorkingDays?: NamedDate[];
  notes?: string;
}

/** hoso/app.OverrideRequest. */
export interface OverrideRequest {
  override: Override;
}

/** hoso/app.PassphraseRequest. */
export interface PassphraseRequest {
  passphrase: string;
}

/** hoso/app.PasswordChange. */
export interface PasswordChange {
  current: string;
  new: string;
}

/** hoso/dossier.Pause. */
export interface Pause {
  kind: DossierKind;
  since: string;
  resume: DossierStatus;
}

/** hoso/app.PayRequest. */
export interface PayRequest {
  code: string;
  amountVND: number;
  method: DossierMethod;
  note: string;
}

/** hoso/dossier.Payment. */
export interface Payment {
  id: string;
  at: string;
  amountVND: number;
  note?: string;
  paidAt?: string;
  paidVND?: number;
  receipt?: string;
  method?: DossierMethod;
  paidBy?: string;
}

/** hoso/complaint.Person. */
export interface Person {
  name: string;
  contact: string;
}

/** hoso/plan.Plan. */
export interface Plan {
  id: string;
  office: string;
  title: string;
  basis: string[];
  decision: PlanDecision;
  period: PlanPeriod;
  parent?: TaskRef;
  tasks: PlanTask[];
}

/** hoso/app.PlanAuditRequest. */
export interface PlanAuditRequest {
  id: string;
  office: string;
  title: string;
  entry?: string;
  clauses: string[];
  processes: string[];
  auditors: string[];
  lead: string;
  from: string;
  to: string;
  periodFrom: string;
  periodTo: string;
}

/** hoso/plan.Deadline. */
export interface PlanDeadline {
  date?: string;
  quarterlyFrom?: string;
  reportDay?: number;
}

/** hoso/plan.Decision. */
export interface PlanDecision {
  number: string;
  date: string;
}

/** hoso/plan.Evidence. */
export interface PlanEvidence {
  text?: string;
  link?: string;
  file?: Ref;
}

/** hoso/app.PlanInspectionRequest. */
export interface PlanInspectionRequest {
  id: string;
  office: string;
  date: string;
  title: string;
  text: string[];
  tasks: string[];
  processes: string[];
  ncs: string[];
  audits: string[];
  checklist: ChecklistItem[];
}

/** hoso/app.PlanList. */
export interface PlanList {
  office: string;
  plans: PlanReply[];
}

/** hoso/app.PlanListRequest. */
export interface PlanListRequest {}

/** hoso/plan.Period. */
export interface PlanPeriod {
  from: string;
  to: string;
}

/** hoso/app.PlanReply. */
export interface PlanReply {
  plan: Plan;
  assigned: Record<string, string[]>;
  by: string;
  at: string;
  mine: string[];
  progress: Record<string, Progress>;
  actionPlans: Plan[];
  reminders: Reminder[];
}

/** hoso/app.PlanRequest. */
export interface PlanRequest {
  plan: string;
}

/** hoso/plan.Task. */
export interface PlanTask {
  id: string;
  title: string;
  assignee: Assignee;
  deadline: PlanDeadline;
  output: string;
  measure?: Measure;
}

/** hoso/iso.Policy. */
export interface Policy {
  revision: number;
  office: string;
  year: number;
  text: string;
  setBy?: string;
  setAt: string;
}

/** hoso/app.PolicyRequest. */
export interface PolicyRequest {
  year: number;
  text: string;
}

/** hoso/app.PrintProcessRequest. */
export interface PrintProcessRequest {
  office: string;
  procedure: string;
  revision: number;
}

/** hoso/app.PrintReviewRequest. */
export interface PrintReviewRequest {
  office: string;
  id: string;
}

/** hoso/app.PrintSettings. */
export interface PrintSettings {
  receiptCopies: number;
  contactPhone: string;
  books: BookDef[];
}

/** hoso/app.PrintSettingsReply. */
export interface PrintSettingsReply {
  office: string;
  source: string;
  settings: PrintSettings;
}

/** hoso/app.PrintSettingsRequest. */
export interface PrintSettingsRequest {
  office: string;
}

/** hoso/app.PrintYearReportRequest. */
export interface PrintYearReportRequest {
  office: string;
  year: number;
}

/** hoso/dossier.Problem. */
export interface Problem {
  id: string;
  kind: DossierKind;
  code: string;
  message: string;
}

/** hoso/catalog.Procedure. */
export interface Procedure {
  code: string;
  name: string;
  sector: string;
  level: Level;
  timeLimitWD: number;
  extendedTimeLimitWD: number | null;
  extendedReason?: string;
  supplementLimitWD?: number;
  rescheduleNoticeWD?: number;
  feeVND: number | null;
  feeNote: string;
  fee?: FeeRule;
  documents: Document[];
  agencies: string[];
  decidingAgency?: string;
  interagency: Interagency;
  steps: Step[];
  confidence: Confidence;
  basis?: string;
  active: boolean;
}

/** hoso/app.ProcedureName. */
export interface ProcedureName {
  code: string;
  name: string;
}

/** hoso/dossier.ProcedureRef. */
export interface ProcedureRef {
  code: string;
  name: string;
  version: number;
  timeLimitWD: number;
  steps: Step[];
  supplementLimitWD?: number;
  rescheduleNoticeWD?: number;
}

/** hoso/app.ProcedureReply. */
export interface ProcedureReply {
  procedure: Procedure;
  version: number;
  versions: VersionInfo[];
}

/** hoso/app.ProcedureRequest. */
export interface ProcedureRequest {
  code: string;
  version: number;
}

/** hoso/app.ProcedureSummary. */
export interface ProcedureSummary {
  code: string;
  name: string;
  sector: string;
  level: Level;
  timeLimitWD: number;
  extendedTimeLimitWD: number | null;
  feeVND: number | null;
  feeNote: string;
  fee: FeeRule;
  extendedReason?: string;
  decidingAgency?: string;
  interagency: Interagency;
  active: boolean;
  version: number;
}

/** hoso/app.ProcessCounts. */
export interface ProcessCounts {
  inForce: number;
  draft: number;
  superseded: number;
}

/** hoso/iso.ProcessDoc. */
export interface ProcessDoc {
  code: string;
  procedure: string;
  name: string;
  sector: string;
  purpose: string;
  scope: string;
  basis?: string;
  papers: ProcessPaper[];
  timeLimitWD: number;
  extendedTimeLimitWD?: number;
  extendedReason?: string;
  fee: string;
  steps: ProcessStep[];
  defaultSteps?: boolean;
  records: string[];
  source: string;
  catalogVersion: number;
}

/** hoso/iso.ProcessPaper. */
export interface ProcessPaper {
  name: string;
  form: DocumentForm;
  count: number;
  required: boolean;
}

/** hoso/iso.ProcessRate. */
export interface ProcessRate {
  procedure: string;
  name: string;
  resolved: number;
  onTime: number;
  rate: number;
}

/** hoso/app.ProcessReply. */
export interface ProcessReply {
  office: string;
  procedure: string;
  code: string;
  name: string;
  revisions: Revision[];
  inForce: number;
  pending: number;
  catalogChanged: boolean;
  conflicts: string[];
}

/** hoso/app.ProcessRequest. */
export interface ProcessRequest {
  office: string;
  procedure: string;
}

/** hoso/app.ProcessRow. */
export interface ProcessRow {
  code: string;
  procedure: string;
  name: string;
  sector: string;
  inForce: RevisionInfo | null;
  pending: RevisionInfo | null;
  superseded: number;
  catalogChanged: boolean;
  conflicts: number;
}

/** hoso/iso.ProcessStep. */
export interface ProcessStep {
  no: number;
  name: string;
  role: CatalogRole;
  hours: number;
  form?: string;
}

/** hoso/app.ProcessesReply. */
export interface ProcessesReply {
  office: string;
  processes: ProcessRow[];
}

/** hoso/app.ProcessesRequest. */
export interface ProcessesRequest {
  office: string;
}

/** hoso/iso.ProgrammeEntry. */
export interface ProgrammeEntry {
  id: string;
  title: string;
  month: number;
  clauses: string[];
  processes: string[];
}

/** hoso/app.ProgrammeReply. */
export interface ProgrammeReply {
  office: string;
  year: number;
  entries: ProgrammeEntry[];
  version: number;
  clauses: Clause[];
  processes: string[];
}

/** hoso/app.ProgrammeRequest. */
export interface ProgrammeRequest {
  office: string;
  year: number;
}

/** hoso/plan.Progress. */
export interface Progress {
  plan: string;
  task: string;
  office: string;
  status: string;
  note: string;
  evidence: PlanEvidence[];
  at: string;
  by: string;
  seen?: number;
  conflict?: boolean;
}

/** hoso/app.ProgressRequest. */
export interface ProgressRequest {
  plan: string;
  task: string;
  status: string;
  note: string;
  evidence: PlanEvidence[];
}

/** hoso/app.PublishComplaintRequest. */
export interface PublishComplaintRequest {
  id: string;
  note: string;
}

/** hoso/app.PublishRequest. */
export interface PublishRequest {
  office: string;
  plan: Plan;
}

/** hoso/app.QuarterExportRequest. */
export interface QuarterExportRequest {
  office: string;
  quarter: string;
  version: number;
  format: string;
}

/** hoso/app.QuarterList. */
export interface QuarterList {
  office: string;
  quarter: string;
  offices: QuarterListItem[];
}

/** hoso/app.QuarterListItem. */
export interface QuarterListItem {
  code: string;
  name: string;
  parent: string;
  version: number;
  event: string;
  signerName: string;
  signedAt: string;
  conflict: boolean;
}

/** hoso/app.QuarterListRequest. */
export interface QuarterListRequest {
  office: string;
  quarter: string;
}

/** hoso/app.QuarterRequest. */
export interface QuarterRequest {
  office: string;
  quarter: string;
}

/** hoso/app.QuarterVersionRequest. */
export interface QuarterVersionRequest {
  office: string;
  quarter: string;
  version: number;
}

/** hoso/app.QuarterVersions. */
export interface QuarterVersions {
  office: string;
  quarter: string;
  versions: Version[];
}

/** hoso/app.QueueItem. */
export interface QueueItem {
  code: string;
  applicant: string;
  kind: ApplicantKind;
  citizenId: string;
  orgId?: string;
  representative?: Representative;
  procedure: string;
  status: DossierStatus;
  national: number;
  office: string;
  holder: string;
  receivedAt: string;
  due: string;
  overdue: boolean;
  conflicts: number;
  reason: QueueReason;
  dueBy: boolean;
  dueSoon: boolean;
}

/** hoso/app.QueueReason. */
export type QueueReason =
  | "take"
  | "appraise"
  | "submit"
  | "assign"
  | "sign"
  | "hand_over"
  | "collect"
  | "return"
  | "supplement";

/** hoso/app.QueueReply. */
export interface QueueReply {
  items: QueueItem[];
  more: boolean;
}

/** hoso/app.QuoteReply. */
export interface QuoteReply {
  quoted: boolean;
  amountVND: number;
  text: string;
  kind: string;
}

/** hoso/app.QuoteRequest. */
export interface QuoteRequest {
  procedure: string;
  channel: DossierChannel;
  fee: FeeInput;
}

/** hoso/app.RaiseNCRequest. */
export interface RaiseNCRequest {
  source: NCSource;
  title: string;
  description: string;
  dossier: string;
  process: string;
  clause: string;
}

/** hoso/qreport.Rate. */
export interface Rate {
  num: number;
  den: number;
  value: number;
  known: boolean;
}

/** hoso/app.RateComplaintRequest. */
export interface RateComplaintRequest {
  id: string;
  satisfied: boolean;
  note: string;
}

/** hoso/iso.Rated. */
export interface Rated {
  satisfied: number;
  rated: number;
  rate: number;
  known: boolean;
}

/** hoso/app.ReceiveComplaintRequest. */
export interface ReceiveComplaintRequest {
  office: string;
  channel: ComplaintChannel;
  from: Person;
  dossier: string;
  category: Category;
  text: string;
  receivedAt: string;
}

/** hoso/app.ReceiveReply. */
export interface ReceiveReply {
  received: boolean;
  missing: string[];
  code: string;
  dossier?: Dossier;
  intake: string;
}

/** hoso/app.ReceiveRequest. */
export interface ReceiveRequest {
  procedure: string;
  applicant: Applicant;
  channel: DossierChannel;
  documents: ReceivedDocument[];
  sets: number;
  receivedAt: string;
  note: string;
  contact: string;
  extended: string;
  fee: FeeInput;
}

/** hoso/dossier.ReceivedDocument. */
export interface ReceivedDocument {
  name: string;
  form: DocumentForm;
  count: number;
  files?: Ref[];
  reused?: Reuse;
}

/** hoso/app.ReconciliationReply. */
export interface ReconciliationReply {
  office: string;
  period: ReportPeriod;
  rows: ReconciliationRow[];
}

/** hoso/app.ReconciliationRow. */
export interface ReconciliationRow {
  office: string;
  name: string;
  local: boolean;
  latest?: string;
  lastSync?: string;
  received: number;
  resolved: number;
  overdue: number;
  conflicts: number;
  waitingHere: number;
}

/** hoso/app.RecordCheckRequest. */
export interface RecordCheckRequest {
  audit: string;
  item: string;
  result: CheckResult;
  note: string;
  evidence: AuditEvidence[];
}

/** hoso/iso.RecordClass. */
export interface RecordClass {
  id: string;
  name: string;
  procedures?: string[];
  sector?: string;
  other?: boolean;
  kept: Storage;
  place?: string;
  retentionYears: number;
  basis?: string;
  unsure?: boolean;
}

/** hoso/app.RecordReviewRequest. */
export interface RecordReviewRequest {
  id: string;
  period: string;
  date: string;
  chair: string;
  attendees: string[];
  resources: string;
  decisions: string[];
  actions: ReviewAction[];
}

/** hoso/app.RecoveryReply. */
export interface RecoveryReply {
  recoveryKey: string;
}

/** hoso/attach.Ref. */
export interface Ref {
  id: string;
  name: string;
  type: string;
  size: number;
}

/** hoso/app.RefuseComplaintRequest. */
export interface RefuseComplaintRequest {
  id: string;
  reason: string;
}

/** hoso/iso.Register. */
export interface Register {
  classes: RecordClass[];
}

/** hoso/app.RegisterReply. */
export interface RegisterReply {
  office: string;
  register: Register;
  custom: boolean;
  version: number;
  conflicts: number;
  by?: string;
  at?: string;
}

/** hoso/app.RegisterRequest. */
export interface RegisterRequest {
  office: string;
}

/** hoso/inspect.Remedy. */
export interface Remedy {
  owner: string;
  due: string;
}

/** hoso/app.RemindRequest. */
export interface RemindRequest {
  from: string;
  plan: string;
  task: string;
  office: string;
  note: string;
}

/** hoso/app.Reminder. */
export interface Reminder {
  id: string;
  plan: string;
  task: string;
  office: string;
  from: string;
  note: string;
  at: string;
  by: string;
}

/** hoso/app.ReminderItem. */
export interface ReminderItem {
  id: string;
  plan: string;
  task: string;
  office: string;
  from: string;
  note: string;
  at: string;
  by: string;
  planTitle: string;
  taskTitle: string;
  fromName: string;
  acknowledged: boolean;
  acknowledgedAt?: unknown;
  acknowledgedBy?: string;
}

/** hoso/app.RemindersReply. */
export interface RemindersReply {
  office: string;
  unacknowledged: number;
  reminders: ReminderItem[];
}

/** hoso/app.RemindersRequest. */
export interface RemindersRequest {
  office: string;
}

/** hoso/app.Reply. */
export interface Reply {
  code: Code;
  message: string;
  field?: string;
  params?: Record<string, string>;
  details?: unknown;
}

/** hoso/qreport.Report. */
export interface Report {
  office: string;
  officeName: string;
  quarter: string;
  version: number;
  tasks: TaskLine[];
  own: Figures;
  figures: Figures;
  note: string;
  sources: Source[];
  missing: MissingOffice[];
  corrects: number;
  preparedAt: string;
  signedBy: string;
  signerName: string;
  signedAt: string;
}

/** hoso/app.ReportAuditRequest. */
export interface ReportAuditRequest {
  audit: string;
  conclusion: string;
}

/** hoso/app.ReportFile. */
export interface ReportFile {
  filename: string;
  mime: string;
  content: string;
  verify: string;
}

/** hoso/report.Period. */
export interface ReportPeriod {
  label: string;
  window: Window;
  from: string;
  to: string;
  start: string;
  end: string;
  asOf?: string;
}

/** hoso/app.ReportRequest. */
export interface ReportRequest {
  office: string;
  period: string;
  window: string;
  asOf: string;
}

/** hoso/report.Rules. */
export interface ReportRules {
  window: Window;
  countFromReceptionDay: boolean;
  dueSoonDays: number;
  timingBasis: TimingBasis;
  endedPlacement: string;
  index766?: IndexRules;
}

/** hoso/dossier.Representative. */
export interface Representative {
  fullName: string;
  citizenId: string;
  relation: string;
}

/** hoso/app.ResetTemplateRequest. */
export interface ResetTemplateRequest {
  set: string;
  doc: string;
  form: string;
}

/** hoso/dossier.Resolution. */
export interface Resolution {
  event: string;
  decision: DossierDecision;
  at: string;
  by: string;
  note?: string;
}

/** hoso/dossier.Result. */
export interface Result {
  kind: ResultKind;
  event: string;
  at: string;
  by: string;
  office: string;
  number?: string;
  reason?: string;
}

/** hoso/dossier.ResultKind. */
export type ResultKind =
  | "approved"
  | "refused"
  | "not_accepted"
  | "withdrawn"
  | "stopped";

/** hoso/app.ReusableFile. */
export interface ReusableFile {
  dossier: string;
  receivedAt: string;
  file: Ref;
}

/** hoso/app.ReusablePaper. */
export interface ReusablePaper {
  name: string;
  files: ReusableFile[];
}

/** hoso/app.ReusableReply. */
export interface ReusableReply {
  papers: ReusablePaper[];
}

/** hoso/app.ReusableRequest. */
export interface ReusableRequest {
  idNumber: string;
  orgCode: string;
  procedure: string;
}

/** hoso/dossier.Reuse. */
export interface Reuse {
  dossier: string;
  file: Ref;
}

/** hoso/iso.Review. */
export interface Review {
  id: string;
  revision: number;
  office: string;
  date: string;
  chair: string;
  attendees: string[];
  inputs: ReviewInputs;
  resources?: string;
  decisions: string[];
  actions: ReviewAction[];
  recordedBy?: string;
  recordedAt: string;
}

/** hoso/iso.ReviewAction. */
export interface ReviewAction {
  title: string;
  owner: string;
  ownerName?: string;
  due: string;
}

/** hoso/iso.ReviewInputs. */
export interface ReviewInputs {
  office: string;
  from: string;
  to: string;
  objectives: ObjectiveOutcome[];
  audits: AuditSummary;
  nonconformities: NCSummary;
  actions: ActionSummary;
  satisfaction: Rated;
  onTime: ProcessRate[];
  catalogChanges: CatalogChange[];
  compiledAt: string;
}

/** hoso/app.ReviewInputsRequest. */
export interface ReviewInputsRequest {
  office: string;
  period: string;
}

/** hoso/app.ReviewItem. */
export interface ReviewItem {
  id: string;
  revision: number;
  office: string;
  date: string;
  chair: string;
  attendees: string[];
  inputs: ReviewInputs;
  resources?: string;
  decisions: string[];
  actions: ReviewAction[];
  recordedBy?: string;
  recordedAt: string;
  conflicts: number;
}

/** hoso/app.ReviewNCRequest. */
export interface ReviewNCRequest {
  id: string;
  verdict: Verdict;
  severity: Severity;
  reason: string;
}

/** hoso/app.ReviewsReply. */
export interface ReviewsReply {
  office: string;
  reviews: ReviewItem[];
}

/** hoso/app.ReviewsRequest. */
export interface ReviewsRequest {
  office: string;
}

/** hoso/iso.Revision. */
export interface Revision {
  revision: number;
  state: RevisionState;
  issue: number;
  doc: ProcessDoc;
  draftedBy: string;
  draftedAt: string;
  inForce?: string;
  approvedBy?: string;
  approverName?: string;
  approvedAt?: string;
  supersededBy?: number;
  supersededOn?: string;
}

/** hoso/app.RevisionInfo. */
export interface RevisionInfo {
  revision: number;
  issue: number;
  state: RevisionState;
  inForce?: string;
  approvedBy?: string;
  draftedAt: string;
}

/** hoso/iso.RevisionState. */
export type RevisionState =
  | "drafted"
  | "approved"
  | "superseded";

/** hoso/app.RevokeRequest. */
export interface RevokeRequest {
  peer: string;
}

/** hoso/app.RuleChange. */
export interface RuleChange {
  kind: RuleKind;
  subject: string;
  event: string;
  summary: string;
  version: number;
  office: string;
  officeName: string;
  actor: string;
  actorName: string;
  basis?: string;
  effective?: string;
  recordedAt: string;
  applies: boolean;
}

/** hoso/app.RuleKind. */
export type RuleKind =
  | "calendar"
  | "override"
  | "report"
  | "template"
  | "catalog"
  | "complaint";

/** hoso/app.RulesHistoryReply. */
export interface RulesHistoryReply {
  changes: RuleChange[];
}

/** hoso/app.RulesHistoryRequest. */
export interface RulesHistoryRequest {
  kind: RuleKind;
}

/** hoso/app.RulesReply. */
export interface RulesReply {
  office: string;
  rules: ReportRules;
}

/** hoso/app.RulesRequest. */
export interface RulesRequest {
  office: string;
}

/** hoso/inspect.Ruling. */
export interface Ruling {
  finding: string;
  note?: string;
  by?: string;
  at: string;
}

/** hoso/app.SatisfactionEntry. */
export interface SatisfactionEntry {
  who: string;
  ratings: Record<string, number>;
  rated: number;
  satisfied: number;
  share: number;
  scores: Score[];
  total: number;
  max: number;
  grade: string;
  name: string;
}

/** hoso/app.SatisfactionReply. */
export interface SatisfactionReply {
  period: ReportPeriod;
  scale: ScaleValue[];
  indicators: Indicator[];
  offices: SatisfactionEntry[];
  officers: SatisfactionEntry[];
}

/** hoso/app.SaveProcedureRequest. */
export interface SaveProcedureRequest {
  procedure: Procedure;
}

/** hoso/app.SaveUserRequest. */
export interface SaveUserRequest {
  id: string;
  username: string;
  fullName: string;
  office: string;
  roles: AppRole[];
  password: string;
}

/** hoso/app.ScaleReply. */
export interface ScaleReply {
  scale: ScaleValue[];
}

/** hoso/dossier.ScaleValue. */
export interface ScaleValue {
  value: string;
  vi: string;
  en: string;
  satisfied: boolean;
}

/** hoso/report.Score. */
export interface Score {
  key: string;
  points: number;
  known: boolean;
  manual: boolean;
  basis: number;
}

/** hoso/app.ScoresRequest. */
export interface ScoresRequest {
  office: string;
  period: string;
  window: string;
  asOf: string;
  who: string;
  officer: boolean;
  scores: Record<string, number>;
}

/** hoso/app.SearchReply. */
export interface SearchReply {
  items: DossierSummary[];
  page: number;
  pageSize: number;
  more: boolean;
  total: number;
  totalCapped?: boolean;
}

/** hoso/app.SearchRequest. */
export interface SearchRequest {
  query: string;
  status: string;
  office: string;
  holder: string;
  excludeOffice: string;
  procedure: string;
  overdue: boolean;
  dueSoon: boolean;
  receivedFrom: string;
  receivedTo: string;
  receivedBy: string;
  count: boolean;
  page: number;
  pageSize: number;
}

/** hoso/app.SessionRequest. */
export interface SessionRequest {
  session: string;
}

/** hoso/app.SetObjectiveRequest. */
export interface SetObjectiveRequest {
  objective: Objective;
}

/** hoso/app.SetProgrammeRequest. */
export interface SetProgrammeRequest {
  year: number;
  entries: ProgrammeEntry[];
}

/** hoso/app.SetRegisterRequest. */
export interface SetRegisterRequest {
  register: Register;
  base: number;
}

/** hoso/app.SetRulesRequest. */
export interface SetRulesRequest {
  rules: ReportRules;
}

/** hoso/app.SetSettingsRequest. */
export interface SetSettingsRequest {
  settings: PrintSettings;
}

/** hoso/app.SetTemplateRequest. */
export interface SetTemplateRequest {
  template: Template;
}

/** hoso/app.SetupRequest. */
export interface SetupRequest {
  office: OfficeRecord;
  admin: AdminAccount;
}

/** hoso/app.SetupStatus. */
export interface SetupStatus {
  needed: boolean;
  office: Office;
}

/** hoso/iso.Severity. */
export type Severity =
  | "major"
  | "minor"
  | "observation";

/** hoso/print.Signer. */
export interface Signer {
  title: string;
  hint?: string;
  name?: string;
}

/** hoso/calendar.SolarHoliday. */
export interface SolarHoliday {
  month: number;
  day: number;
  name: string;
  nameEn: string;
  from?: number;
  to?: number;
}

/** hoso/qreport.Source. */
export interface Source {
  office: string;
  name: string;
  version: number;
  event: string;
  figures: Figures;
}

/** hoso/complaint.State. */
export type State =
  | "received"
  | "refused"
  | "more_requested"
  | "answered"
  | "published";

/** hoso/catalog.Step. */
export interface Step {
  name: string;
  role: CatalogRole;
  hours: number;
  form: string;
}

/** hoso/dossier.StepRow. */
export interface StepRow {
  no: number;
  event: string;
  kind: DossierKind;
  name?: string;
  from: Holder;
  to: Holder;
  at: string;
  hours?: number;
  due?: string;
  done?: string;
  result?: Timing;
}

/** hoso/iso.Storage. */
export type Storage =
  | "system"
  | "paper"
  | "both";

/** hoso/store.SubjectHistory. */
export interface SubjectHistory {
  subject: string;
  exportedAt: string;
  events: unknown[];
}

/** hoso/app.SubjectRequest. */
export interface SubjectRequest {
  subject: string;
}

/** hoso/app.SubmitQuarterRequest. */
export interface SubmitQuarterRequest {
  office: string;
  quarter: string;
  note: string;
  corrects: number;
}

/** hoso/app.SummaryObjective. */
export interface SummaryObjective {
  name: string;
  target: number;
  value: number | null;
  status: IsoStatus;
}

/** hoso/app.SummaryRequest. */
export interface SummaryRequest {
  office: string;
  year: number;
}

/** hoso/dossier.Supplement. */
export interface Supplement {
  id: string;
  at: string;
  by: string;
  office: string;
  missing: string[];
  note?: string;
  receivedAt?: string;
  documents?: ReceivedDocument[];
  newDue?: string;
}

/** hoso/app.SyncAttempt. */
export interface SyncAttempt {
  peer: string;
  office?: string;
  hub?: boolean;
  code?: string;
  events: number;
  bytes: number;
}

/** hoso/app.SyncPeer. */
export interface SyncPeer {
  peer: string;
  office?: string;
  connected: boolean;
  lastSuccess?: string;
  lastError?: string;
  lastErrorAt?: string;
  receivedEvents: number;
  sentEvents: number;
  bytesIn: number;
  bytesOut: number;
  syncing: boolean;
  clockSkewMs: number;
  budgetUsed: number;
  budgetLimit?: number;
}

/** hoso/app.SyncStatus. */
export interface SyncStatus {
  enrolled: boolean;
  peerId: string;
  office: string;
  path: string;
  role: string;
  expires?: string;
  hubs: string[];
  running: boolean;
  peers: SyncPeer[];
  vector: Record<string, number>;
  conflicts: number;
  dailyBudget: number;
  certificateExpires?: string;
  renewDue: boolean;
  tried?: SyncAttempt[];
}

/** hoso/report.Target. */
export interface Target {
  key: string;
  numerator: number;
  denominator: number;
  value: number;
  known: boolean;
  goal: number;
  strict: boolean;
  met: boolean;
}

/** hoso/qreport.TaskLine. */
export interface TaskLine {
  plan: string;
  planTitle: string;
  task: string;
  title: string;
  deadline: string;
  cell: string;
  status: string;
  note: string;
  evidence: PlanEvidence[];
}

/** hoso/plan.TaskRef. */
export interface TaskRef {
  plan: string;
  task: string;
}

/** hoso/print.Template. */
export interface Template {
  set?: string;
  doc?: string;
  form: string;
  version: string;
  name: string;
  title: string;
  body: Line[];
  signers?: Signer[];
}

/** hoso/app.TemplateInfo. */
export interface TemplateInfo {
  doc: string;
  form: string;
  source: string;
  template: Template;
}

/** hoso/app.TemplatesReply. */
export interface TemplatesReply {
  office: string;
  set: string;
  sets: string[];
  templates: TemplateInfo[];
}

/** hoso/app.TemplatesRequest. */
export interface TemplatesRequest {
  office: string;
  set: string;
}

/** hoso/calendar.TetRule. */
export interface TetRule {
  offsets: number[];
  name: string;
  nameEn: string;
  from?: number;
  to?: number;
}

/** hoso/dossier.Timing. */
export type Timing =
  | "early"
  | "on_time"
  | "late";

/** hoso/dossier.TimingBasis. */
export type TimingBasis =
  | "original"
  | "current";

/** hoso/app.TreeOffice. */
export interface TreeOffice {
  code: string;
  name: string;
  parent: string;
  depth: number;
  summary: IsoSummary;
  objectivesMet: number;
  attention: Attention[];
}

/** hoso/app.TreeReply. */
export interface TreeReply {
  office: string;
  year: number;
  offices: TreeOffice[];
  totals: TreeTotals;
}

/** hoso/app.TreeRequest. */
export interface TreeRequest {
  office: string;
  year: number;
}

/** hoso/app.TreeTotals. */
export interface TreeTotals {
  offices: number;
  processesInForce: number;
  objectives: number;
  objectivesMet: number;
  openNonconformities: number;
  openActions: number;
  overdueActions: number;
  attention: number;
}

/** hoso/iso.Unit. */
export type Unit =
  | "percent"
  | "count"
  | "other";

/** hoso/app.UnlockRequest. */
export interface UnlockRequest {
  passphrase: string;
  recoveryKey: string;
  newPassphrase: string;
}

/** hoso/app.UpdateActionRequest. */
export interface UpdateActionRequest {
  id: string;
  analysis: string;
  category: string;
  action: string;
  owner: string;
  due: string;
  evidence: string;
  dossiers: string[];
}

/** hoso/app.UserInfo. */
export interface UserInfo {
  id: string;
  username: string;
  fullName: string;
  office: string;
  roles: AppRole[];
  disabled: boolean;
  locked: boolean;
}

/** hoso/app.UserList. */
export interface UserList {
  users: UserInfo[];
}

/** hoso/app.VaultStatus. */
export interface VaultStatus {
  state: string;
  method: string;
  osKeyStore: boolean;
  recoveryKey: string;
  error?: Reply;
}

/** hoso/iso.Verdict. */
export type Verdict =
  | "accepted"
  | "rejected";

/** hoso/app.VerifyReply. */
export interface VerifyReply {
  status: VerifyStatus;
  office: string;
  subject: string;
  printedEvents: number;
  currentEvents: number;
  added: AddedEvent[];
  details?: string[];
}

/** hoso/app.VerifyRequest. */
export interface VerifyRequest {
  text: string;
}

/** hoso/app.VerifyStatus. */
export type VerifyStatus =
  | "match"
  | "changed"
  | "differs"
  | "unknown";

/** hoso/qreport.Version. */
export interface Version {
  version: number;
  corrects: number;
  note: string;
  signedBy: string;
  signerName: string;
  signedAt: string;
  event: string;
  conflict: boolean;
}

/** hoso/app.VersionInfo. */
export interface VersionInfo {
  version: number;
  at: string;
  actor: string;
}

/** hoso/inspect.VisitPlan. */
export interface VisitPlan {
  id: string;
  office: string;
  inspector: string;
  inspectorOffice: string;
  date: string;
  title: string;
  scope: VisitScope[];
  checklist: ChecklistItem[];
}

/** hoso/inspect.VisitScope. */
export interface VisitScope {
  kind: VisitScopeKind;
  ref?: string;
  text: string;
}

/** hoso/inspect.VisitScopeKind. */
export type VisitScopeKind =
  | "text"
  | "task"
  | "process"
  | "nc"
  | "audit";

/** hoso/report.Window. */
export type Window =
  | "fifteenth"
  | "calendar";

/** hoso/app.YearRequest. */
export interface YearRequest {
  year: number;
}
