package iso

import (
	"fmt"
	"strings"
	"time"
)

// Subject prefixes of the quality records. Each family is listed in
// app.Schema with its projection and kinds.
const (
	// NCPrefix starts a nonconformity: iso/nc/<office>/<id>.
	NCPrefix = "iso/nc/"
)

// Kinds of event written under NCPrefix.
const (
	// KindNCRaised raises a nonconformity (NCRaised), automatically from
	// the work or by hand.
	KindNCRaised = "iso.nc.raised"
	// KindNCReviewed records a review (NCReviewed): accepted as a
	// nonconformity with its severity, or not one, with the reason.
	KindNCReviewed = "iso.nc.reviewed"
	// KindNCActionOpened links a corrective action to the nonconformity
	// (NCActionOpened), written with the action's first event.
	KindNCActionOpened = "iso.nc.action_opened"
	// KindNCClosed closes the nonconformity (NCClosed), written with the
	// closure of its corrective action.
	KindNCClosed = "iso.nc.closed"
)

// NCKinds lists the kinds of event written under NCPrefix.
func NCKinds() []string {
	return []string{KindNCRaised, KindNCReviewed, KindNCActionOpened, KindNCClosed}
}

// NCSource says what raised a nonconformity. The automatic ones are raised
// by the rules in this package from a dossier's facts, never twice for the
// same Cause; the others by a person.
type NCSource string

// The sources of a nonconformity.
const (
	SourceLateDossier      NCSource = "late_dossier"
	SourceLateStep         NCSource = "late_step"
	SourceSecondSupplement NCSource = "second_supplement"
	SourceNotSatisfied     NCSource = "not_satisfied"
	SourceApology          NCSource = "apology"
	SourceAudit            NCSource = "audit"
	SourceComplaint        NCSource = "complaint"
	SourceInspection       NCSource = "inspection"
	SourceManual           NCSource = "manual"
)

// Auto reports whether the work itself raises nonconformities of this
// source (a rule, not a person).
func (s NCSource) Auto() bool {
	switch s {
	case SourceLateDossier, SourceLateStep, SourceSecondSupplement, SourceNotSatisfied, SourceApology:
		return true
	}
	return false
}

// Valid reports whether s is one of the sources above.
func (s NCSource) Valid() bool {
	switch s {
	case SourceAudit, SourceComplaint, SourceInspection, SourceManual:
		return true
	}
	return s.Auto()
}

// NCRaised is the payload of KindNCRaised: the nonconformity as raised.
// It is the one contract between whoever raises a nonconformity (the
// automatic rules, the desk, an audit's finding) and the nonconformity
// log that folds them.
type NCRaised struct {
	// ID names the nonconformity within its office; the subject is
	// NCSubject(Office, ID).
	ID     string   `json:"id"`
	Office string   `json:"office"`
	Source NCSource `json:"source"`
	// Cause identifies what raised it, so the same cause never raises a
	// second one: for the automatic rules CauseKey's value; for a finding
	// "audit:<audit id>:<finding id>"; empty for one raised by hand.
	Cause string `json:"cause,omitempty"`
	// Rule names the rule that raised an automatic one, in words a
	// reader of the log understands (e.g. "dossier resolved after its
	// due date").
	Rule string `json:"rule,omitempty"`
	// Dossier is the dossier's code when there is one.
	Dossier string `json:"dossier,omitempty"`
	// Process is the procedure's code (its quy trình) when known.
	Process string `json:"process,omitempty"`
	// Clause is the ISO 9001:2015 clause concerned, e.g. "8.5.1".
	Clause      string    `json:"clause,omitempty"`
	Title       string    `json:"title"`
	Description string    `json:"description,omitempty"`
	RaisedBy    string    `json:"raisedBy,omitempty"`
	RaisedAt    time.Time `json:"raisedAt"`
	// Audit and Finding name the audit finding that raised it.
	Audit   string `json:"audit,omitempty"`
	Finding string `json:"finding,omitempty"`
}

// NCSubject is the subject of a nonconformity.
func NCSubject(office, id string) string { return NCPrefix + office + "/" + id }

// CauseKey is the Cause of an automatic nonconformity: one per source,
// dossier and (for a late step) step, so the rules can be run again over
// the same facts, on every desk, without raising one twice.
func CauseKey(source NCSource, dossier string, step int) string {
	if source == SourceLateStep {
		return fmt.Sprintf("%s:%s:%d", source, dossier, step)
	}
	return string(source) + ":" + dossier
}

// AutoNCID is the ID of an automatic nonconformity: derived from its cause,
// so two desks that raise it for the same cause write the same subject and
// the fold keeps one.
func AutoNCID(cause string) string {
	return "auto-" + strings.NewReplacer(":", "-", "/", "-").Replace(cause)
}
