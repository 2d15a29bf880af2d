package dossier

import (
	"slices"
)

// Role is what a user may do; the names are those of the app's users.
type Role string

// The roles that act on dossiers (DOMAIN.md §1).
const (
	RoleClerk   Role = "clerk"
	RoleOfficer Role = "officer"
	RoleLeader  Role = "leader"
	RoleAdmin   Role = "admin"
)

// Where says which office may take an action.
type Where string

// The office rules.
const (
	// WhereNone allows any office: there is no dossier yet (reception).
	WhereNone Where = "none"
	// WhereDesk allows the receiving office, whose desk returns the result.
	WhereDesk Where = "desk"
	// WhereHolder allows the office now holding the dossier.
	WhereHolder Where = "holder"
	// WhereTask allows the holding office when it has a liên thông task.
	WhereTask Where = "task"
	// WhereConsulted allows an office that was consulted.
	WhereConsulted Where = "consulted"
	// WhereInvolved allows any office in Offices.
	WhereInvolved Where = "involved"
	// WhereAny allows any office; the app decides who administers a dossier.
	WhereAny Where = "any"
)

// Rule is one row of the action table: a role may write an event of Kind
// while the dossier is in one of From, from an office Where allows, and —
// when Holder is set and an officer holds the dossier — only that officer.
type Rule struct {
	Kind   Kind     `json:"kind"`
	Role   Role     `json:"role"`
	From   []Status `json:"from"`
	Where  Where    `json:"where"`
	Holder bool     `json:"holder"`
	Note   string   `json:"note,omitempty"`
}

// Groups of statuses the table uses.
var (
	// inProgress are the statuses of a dossier the office still works on.
	inProgress = []Status{
		StatusReceived, StatusHandedOver, StatusAssigned, StatusAppraised, StatusTransferred,
		StatusSupplementRequested, StatusPaymentRequested, StatusSubmitted,
	}
	// decided adds the statuses whose result is ready but not returned.
	decided = append(slices.Clone(inProgress), StatusSigned, StatusRefused, StatusResultAtDesk)
	// notReturned is every status of a received dossier but Returned.
	notReturned = append(slices.Clone(decided), StatusNotAccepted, StatusWithdrawn, StatusStopped)
	// running are the statuses in which the due date runs.
	running = []Status{
		StatusReceived, StatusHandedOver, StatusAssigned, StatusAppraised, StatusTransferred,
		StatusPaymentRequested, StatusSubmitted,
	}
	// atProcessingUnit are the statuses in which the holding office works on the
	// dossier.
	atProcessingUnit = []Status{StatusHandedOver, StatusAssigned, StatusAppraised, StatusTransferred}
	// withTask are the statuses in which a liên thông office may finish its task:
	// while working on it, or once it decided.
	withTask = []Status{
		StatusHandedOver, StatusAssigned, StatusAppraised, StatusTransferred, StatusSubmitted,
		StatusSigned, StatusRefused,
	}
)

// table is the action table, in lifecycle order. It is the one place that
// says who may do what, when: Check and AllowedActions read it, and the app
// shows it through RuleTable.
var table = []Rule{
	{KindReceived, RoleClerk, []Status{StatusNone}, WhereNone, false, "Form 01; the actor's office becomes the receiving office"},
	{KindHandedOver, RoleClerk, []Status{StatusReceived}, WhereHolder, false, "the same working day, the next after 15:00"},
	{KindAssigned, RoleOfficer, []Status{StatusHandedOver, StatusAssigned, StatusTransferred}, WhereHolder, true, "an officer takes the dossier (at a liên thông office too)"},
	{KindAssigned, RoleLeader, []Status{StatusHandedOver, StatusAssigned, StatusTransferred}, WhereHolder, false, "a leader assigns or reassigns"},
	{KindAppraised, RoleOfficer, []Status{StatusAssigned}, WhereHolder, true, ""},
	{KindConsulted, RoleOfficer, []Status{StatusAssigned, StatusAppraised}, WhereHolder, true, "each consultation has its own time"},
	{KindConsultAnswered, RoleOfficer, decided, WhereConsulted, false, "the consulted office answers"},
	{KindConsultAnswered, RoleLeader, decided, WhereConsulted, false, "the consulted office answers"},
	{KindTransferred, RoleOfficer, atProcessingUnit, WhereHolder, true, "liên thông, to any office, with a task and its own time"},
	{KindTaskCompleted, RoleOfficer, withTask, WhereTask, false, "the liên thông office sends the dossier back"},
	{KindTaskCompleted, RoleLeader, withTask, WhereTask, false, "the liên thông office sends the dossier back"},
	{KindSupplementRequested, RoleClerk, []Status{StatusReceived}, WhereHolder, false, "Form 02 at the desk, everything missing at once"},
	{KindSupplementRequested, RoleOfficer, []Status{StatusAssigned, StatusAppraised}, WhereHolder, true, "Form 02 after appraisal, within 3 working days of reception"},
	{KindSupplementReceived, RoleClerk, []Status{StatusSupplementRequested}, WhereDesk, false, "the time limit restarts from zero"},
	{KindPaymentRequested, RoleClerk, []Status{StatusReceived}, WhereHolder, false, ""},
	{KindPaymentRequested, RoleOfficer, []Status{StatusAssigned, StatusAppraised}, WhereHolder, true, ""},
	{KindPaymentReceived, RoleClerk, []Status{StatusPaymentRequested}, WhereDesk, false, ""},
	{KindRefused, RoleClerk, []Status{StatusReceived}, WhereHolder, false, "Form 03 at the desk: not accepted, final"},
	{KindRefused, RoleLeader, []Status{StatusAssigned, StatusAppraised, StatusSubmitted}, WhereHolder, false, "Form 03 after appraisal: the refusal is the result"},
	{KindRescheduled, RoleLeader, running, WhereInvolved, false, "Form 04, once, at least 1 working day before the due date"},
	{KindSubmitted, RoleOfficer, []Status{StatusAppraised}, WhereHolder, true, "for signature"},
	{KindSigned, RoleLeader, []Status{StatusSubmitted}, WhereHolder, true, "only the leader it was submitted to, when named; an appraisal proposing refusal or a supplement is acknowledged"},
	{KindResultAtDesk, RoleClerk, []Status{StatusSigned, StatusRefused}, WhereDesk, false, "the result reaches the receiving desk"},
	{KindReturned, RoleClerk, []Status{StatusResultAtDesk}, WhereDesk, false, "to a named recipient, with the citizen's rating, if given"},
	{KindRated, RoleClerk, []Status{StatusReturned}, WhereDesk, false, "once"},
	{KindWithdrawn, RoleClerk, inProgress, WhereDesk, false, "at the citizen's request"},
	{KindStopped, RoleLeader, inProgress, WhereInvolved, false, ""},
	{KindCorrected, RoleAdmin, notReturned, WhereDesk, false, "the history keeps old and new values; never after the return"},
	{KindScanned, RoleClerk, append([]Status{StatusReturned}, notReturned...), WhereDesk, false, "scans of a received paper, also after the return (bulk digitization)"},
	{KindConflictResolved, RoleAdmin, append([]Status{StatusNone, StatusReturned}, notReturned...), WhereAny, false, "keep or discard a listed conflict"},
}

// RuleTable returns a copy of the action table: one row per kind and role,
// in lifecycle order. Check and AllowedActions apply it; the interface may
// show it.
func RuleTable() []Rule {
	out := make([]Rule, len(table))
	for i, r := range table {
		r.From = slices.Clone(r.From)
		out[i] = r
	}
	return out
}

// rulesFor returns the table's rows for k.
func rulesFor(k Kind) []Rule {
	var rows []Rule
	for _, r := range table {
		if r.Kind == k {
			rows = append(rows, r)
		}
	}
	return rows
}
