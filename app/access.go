package app

import "fmt"

// Access says who may call a method.
type Access struct {
	// Public methods need no login (the vault, the login itself, the
	// first-start setup, facts about the node).
	Public bool
	// Roles, when set, limit the method to users holding one of them;
	// otherwise any logged-in user may call it.
	Roles []Role
}

var (
	public   = Access{Public: true}
	loggedIn = Access{}
	admins   = Access{Roles: []Role{RoleAdmin}}
)

// access lists every callable method and who may call it, in one place so
// that a reviewer sees the whole policy at once. A method missing here
// cannot be registered (NewServices panics, and the registry test fails).
var access = map[string]Access{
	"System.Info":        public,
	"System.SetLanguage": public,
	"System.SetDesk":     admins,

	"Vault.Status":              public,
	"Vault.Setup":               public,
	"Vault.Unlock":              public,
	"Vault.AcknowledgeRecovery": public,

	"Records.History": {Roles: []Role{RoleAdmin, RoleInspector, RoleLeader}},
	"Records.Verify":  loggedIn,

	// Who accessed citizens' personal data (access_log.go).
	"Records.AccessLog": {Roles: []Role{RoleAdmin, RoleInspector, RoleLeader}},

	"Auth.Login":          public,
	"Auth.Logout":         public,
	"Auth.Me":             loggedIn,
	"Auth.ChangePassword": loggedIn,

	"Setup.Status": public,
	"Setup.Office": public, // refused once the office is set up

	"Offices.List": loggedIn,
	"Offices.Get":  loggedIn,
	"Offices.Save": admins,

	"Catalog.List":   loggedIn,
	"Catalog.Get":    loggedIn,
	"Catalog.Save":   admins,
	"Catalog.Import": admins,
	"Catalog.Export": loggedIn,

	// The dossier rules (dossier.RuleTable) check each action's role.
	"Dossiers.Receive": {Roles: []Role{RoleClerk}},
	"Dossiers.Get":     loggedIn,
	"Dossiers.Search":  loggedIn,
	"Dossiers.Act":     loggedIn,
	"Dossiers.History": loggedIn,
	"Dossiers.Intakes": loggedIn,
	// The desk's look-up of a personal number while receiving (citizen.go).
	"Dossiers.Citizen": {Roles: []Role{RoleClerk}},
	// The digitized papers of an applicant, offered at reception (logged).
	"Dossiers.Reusable": {Roles: []Role{RoleClerk}},
	// The caller's own queue (queue.go): the rules decide what is listed.
	"Dossiers.Queue": loggedIn,

	"Print.Form":          loggedIn,
	"Print.Book":          loggedIn,
	"Print.FeeBook":       loggedIn,
	"Print.Templates":     loggedIn,
	"Print.SetTemplate":   admins,
	"Print.ResetTemplate": admins,
	"Print.Settings":      loggedIn,
	"Print.SetSettings":   admins,

	// ISO: the register of records and disposal decisions (iso_records.go).
	"Iso.Register":        loggedIn,
	"Iso.SetRegister":     {Roles: []Role{RoleLeader, RoleAdmin}},
	"Iso.DisposalDue":     {Roles: []Role{RoleLeader, RoleAdmin, RoleInspector}},
	"Iso.ApproveDisposal": {Roles: []Role{RoleLeader}},
	"Iso.Disposals":       loggedIn,
	"Iso.PrintRegister":   loggedIn,

	"Reports.II06a":          loggedIn,
	"Reports.Dashboard":      loggedIn,
	"Reports.Index":          loggedIn,
	"Reports.IndexExport":    loggedIn,
	"Reports.Dossiers":       loggedIn,
	"Reports.Satisfaction":   loggedIn,
	"Reports.Reconciliation": loggedIn,
	"Reports.Rules":          loggedIn,
	"Reports.Export":         loggedIn,
	"Reports.SetRules":       admins,
	"Reports.SetScores":      {Roles: []Role{RoleLeader, RoleAdmin}},

	"Sync.Status":       loggedIn,
	"Sync.Now":          loggedIn,
	"Sync.ExportBundle": admins, // every citizen's data: logged (access_log.go)
	"Sync.ImportBundle": loggedIn,
	"Sync.Issue":        admins,
	"Sync.Accept":       admins,
	"Sync.Revoke":       admins,
	"Sync.SetBudget":    admins,

	"Dossiers.RatingScale":    loggedIn,
	"Dossiers.SetRatingScale": admins,

	"Calendar.DueDate":        loggedIn,
	"Calendar.Holidays":       loggedIn,
	"Calendar.SetOverride":    admins,
	"Calendar.RemoveOverride": admins,
	"Calendar.Rules":          loggedIn,
	"Calendar.SetRules":       admins,

	"Rules.History": loggedIn,

	"Users.List":      admins,
	"Users.Directory": loggedIn,
	"Users.Get":       admins,
	"Users.Save":      admins,
	"Users.Unlock":    admins,
	"Users.Disable":   admins,
	// The caller's office's active users with their roles, for choosing
	// who takes a step (queue.go).
	"Users.Colleagues": loggedIn,

	// The dossier rules check who may record a payment, and when.
	"Fees.Pay":    {Roles: []Role{RoleClerk}},
	"Fees.Status": loggedIn,
	"Fees.Book":   loggedIn,
	"Fees.Export": loggedIn,
	"Fees.Quote":  loggedIn,

	// ISO part A, documented processes (iso_process.go): anyone logged in
	// reads; the desk's staff draft a revision; a leader approves it.
	"Iso.Processes":      loggedIn,
	"Iso.Process":        loggedIn,
	"Iso.DraftProcess":   {Roles: []Role{RoleClerk, RoleOfficer, RoleLeader}},
	"Iso.ApproveProcess": {Roles: []Role{RoleLeader}},
	"Iso.PrintProcess":   loggedIn,
	// ISO part C: quality objectives and policy (iso_objectives.go), the
	// management review (iso_review.go) and the summary (iso_summary.go).
	// Reads are the caller's office or one below it; a leader decides.
	"Iso.Objectives":           loggedIn,
	"Iso.ObjectiveDossiers":    loggedIn,
	"Iso.SetObjective":         {Roles: []Role{RoleLeader}},
	"Iso.RecordObjectiveValue": {Roles: []Role{RoleLeader, RoleOfficer}},
	"Iso.SetPolicy":            {Roles: []Role{RoleLeader}},
	"Iso.ReviewInputs":         loggedIn,
	"Iso.Reviews":              loggedIn,
	"Iso.RecordReview":         {Roles: []Role{RoleLeader}},
	"Iso.PrintReview":          loggedIn,
	"Iso.Summary":              loggedIn,
	// ISO: the offices below, read-only (iso_tree.go).
	"Iso.Tree":            loggedIn,
	"Iso.PrintYearReport": {Roles: []Role{RoleLeader, RoleAdmin, RoleInspector}},
	// ISO part B: the nonconformity log and corrective actions
	// (iso_nc.go, iso_actions.go). Anyone of the office raises one; the
	// quality officers and leaders review and act; a leader closes and
	// checks an action.
	"Iso.Nonconformities":     loggedIn,
	"Iso.Nonconformity":       loggedIn,
	"Iso.RaiseNonconformity":  loggedIn,
	"Iso.ReviewNonconformity": {Roles: []Role{RoleLeader, RoleOfficer}},
	"Iso.OpenAction":          {Roles: []Role{RoleLeader, RoleOfficer}},
	"Iso.UpdateAction":        {Roles: []Role{RoleLeader, RoleOfficer}},
	"Iso.CloseAction":         {Roles: []Role{RoleLeader}},
	"Iso.CheckEffectiveness":  {Roles: []Role{RoleLeader}},
	"Iso.Actions":             loggedIn,

	// ISO internal audits (iso_audit.go, issue 16 part D): a leader sets
	// the programme and plans an audit; only the audit's auditors record
	// its checks, findings and report (checked in the method); any user
	// reads and prints.
	"Iso.Programme":    loggedIn,
	"Iso.SetProgramme": {Roles: []Role{RoleLeader, RoleAdmin}},
	"Iso.PlanAudit":    {Roles: []Role{RoleLeader, RoleAdmin}},
	"Iso.Audits":       loggedIn,
	"Iso.Audit":        loggedIn,
	"Iso.RecordCheck":  loggedIn,
	"Iso.AddFinding":   loggedIn,
	"Iso.ReportAudit":  loggedIn,
	"Iso.PrintAudit":   loggedIn,

	// Plans (plans.go, plan_progress.go, issue 17): a leader publishes,
	// breaks a task down and reminds; a leader or an officer records the
	// office's progress; any user reads. Whose office may do what is
	// checked in the method.
	"Plans.Publish":   {Roles: []Role{RoleLeader}},
	"Plans.BreakDown": {Roles: []Role{RoleLeader}},
	"Plans.List":      loggedIn,
	"Plans.Get":       loggedIn,
	"Plans.Progress":  {Roles: []Role{RoleLeader, RoleOfficer}},
	"Plans.Matrix":    loggedIn,
	"Plans.Remind":    {Roles: []Role{RoleLeader}},
	// Any user of the reminded office sees its reminders and says so.
	"Plans.Reminders":    loggedIn,
	"Plans.Acknowledge":  loggedIn,
	"Plans.ExportMatrix": loggedIn,

	// Inspections (inspections.go): inspectors of an office above plan,
	// check and find; the inspected office answers; Close and Reopen
	// check the inspector in the method, to name the rule.
	"Files.Put": loggedIn,
	"Files.Get": loggedIn,

	"Inspections.Plan":       {Roles: []Role{RoleInspector}},
	"Inspections.List":       loggedIn,
	"Inspections.Get":        loggedIn,
	"Inspections.Check":      {Roles: []Role{RoleInspector}},
	"Inspections.AddFinding": {Roles: []Role{RoleInspector}},
	"Inspections.Answer":     loggedIn,
	"Inspections.Close":      loggedIn,
	"Inspections.Reopen":     loggedIn,
	"Inspections.Print":      loggedIn,
	"Inspections.Overdue":    loggedIn,

	// Quarterly reports (quarterly.go, issue 17): the office's leader signs
	// its own; the office and the offices above read them.
	"Quarterly.Draft":    loggedIn,
	"Quarterly.Submit":   {Roles: []Role{RoleLeader}},
	"Quarterly.Versions": loggedIn,
	"Quarterly.Get":      loggedIn,
	"Quarterly.List":     loggedIn,
	"Quarterly.Export":   loggedIn,

	// Complaints (complaints.go): the desk (clerks, leaders) receives and
	// the province forwards; the office's staff act; anyone reads, and a
	// reader who does not hold a complaint is logged.
	"Complaints.Receive":  {Roles: []Role{RoleClerk, RoleLeader}},
	"Complaints.Classify": {Roles: []Role{RoleClerk, RoleOfficer, RoleLeader}},
	"Complaints.Refuse":   {Roles: []Role{RoleClerk, RoleOfficer, RoleLeader}},
	"Complaints.AskMore":  {Roles: []Role{RoleClerk, RoleOfficer, RoleLeader}},
	"Complaints.Answer":   {Roles: []Role{RoleOfficer, RoleLeader, RoleClerk}},
	"Complaints.Publish":  {Roles: []Role{RoleClerk, RoleOfficer, RoleLeader}},
	"Complaints.Rate":     {Roles: []Role{RoleClerk, RoleOfficer, RoleLeader}},
	"Complaints.List":     loggedIn,
	"Complaints.Get":      loggedIn,
	// The legal times are set by the same people as the report rules.
	"Complaints.Limits":    loggedIn,
	"Complaints.SetLimits": admins,
}

// authorize checks a call against the access table.
func authorize(method string, c Caller) error {
	a, ok := access[method]
	if !ok {
		return Errorf(CodeUnknownMethod, "no method %q", method)
	}
	if a.Public {
		return nil
	}
	if !c.LoggedIn() {
		return Errorf(CodeUnauthenticated, "log in first")
	}
	if len(a.Roles) > 0 && !c.Has(a.Roles...) {
		return Errorf(CodeForbidden, "%s needs the role %v", method, a.Roles)
	}
	return nil
}

// checkAccessTable reports methods registered without an access rule.
func checkAccessTable(methods []string) error {
	for _, m := range methods {
		if _, ok := access[m]; !ok {
			return fmt.Errorf("method %s has no entry in the access table (app/access.go)", m)
		}
	}
	return nil
}
